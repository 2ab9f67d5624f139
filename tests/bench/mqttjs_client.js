// The MQTT.js reference client of bench_throughput (node, Debian package
// node-mqtt; NODE_PATH=/usr/share/nodejs).
//
//   node mqttjs_client.js sub URL TOPIC QOS VERSION [COUNT]
//       prints each payload on a line of its own; exits after COUNT messages
//       (0: never).
//   node mqttjs_client.js pub URL TOPIC QOS VERSION
//       publishes each line of stdin as soon as it is read, leaving the pace
//       to MQTT.js's own flow control, and exits once every publish is
//       acknowledged after the end of stdin, as mosquitto_pub -l does.
//
// VERSION is the MQTT protocol level: 4 (3.1.1) or 5.
'use strict';
const mqtt = require('mqtt');
const readline = require('readline');

const [mode, url, topic, qosText, versionText, countText] = process.argv.slice(2);
const qos = Number(qosText);
const client = mqtt.connect(url, {
    clean: true,
    reconnectPeriod: 0,
    keepalive: 60,
    protocolVersion: Number(versionText || 4),
});
let ending = false;
const end = () => {
    ending = true;
    client.end(false, () => process.exit(0));
};
client.on('error', (error) => {
    // With MQTT 5 the broker may reset the socket right after our DISCONNECT.
    if (ending)
        process.exit(0);
    process.stderr.write(String(error) + '\n');
    process.exit(1);
});

if (mode === 'sub') {
    const count = Number(countText || 0);
    let seen = 0;
    client.on('connect', () => client.subscribe(topic, { qos }));
    client.on('message', (_topic, payload) => {
        process.stdout.write(payload.toString() + '\n');
        if (count > 0 && ++seen >= count)
            end();
    });
} else {
    let pending = 0;
    let ended = false;
    const input = readline.createInterface({ input: process.stdin });
    input.on('line', (line) => {
        ++pending;
        client.publish(topic, line, { qos }, () => {
            if (--pending === 0 && ended)
                end();
        });
    });
    input.on('close', () => {
        ended = true;
        if (pending === 0)
            end();
    });
}
