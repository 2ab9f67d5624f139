<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountOptions</name>
    <message>
        <source>Read the password from FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join ROOM; the first one is the current room (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also load transport plugins from DIR (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the store, the client id and the settings in DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS of sent messages, 0 or 1 (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic prefix (default longlink/v1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up a connection attempt after S seconds (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT keep-alive in seconds (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dropped plugin file must stay unchanged this long (default 250).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new transport must work this long to count as good (default 3000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop (and acknowledge) incoming messages over KB kibibytes (default 1024).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--server wants a URL like mqtt://host:1883, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a user name: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a room name: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--qos must be 0 or 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--prefix must be a topic without wildcards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--connect-timeout must be 1 to 3600 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--keep-alive must be 1 to 65535 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--settle-ms must be a number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--probation-ms must be a number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-incoming-kb must be 1 to 262144</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load only transport plugins signed (&lt;plugin&gt;.sig, Ed25519) by a PEM public key in DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (mqtts://, wss://): trust the CA certificates in this PEM FILE instead of the system&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: accept only a server certificate with this SHA-256 fingerprint (64 hex digits, colons allowed; repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--trusted-keys wants a folder of PEM public keys, and %1 is not one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pin-sha256 wants 64 hex digits (colons allowed), not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ca-file and --pin-sha256 are for TLS servers (mqtts://, wss://), not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL: mqtt://host:1883, mqtts://host:8883 (TLS), ws://host:80/mqtt or wss://host:443/mqtt (WebSocket). Default mqtt://127.0.0.1:1883. Repeatable: several addresses of one service are raced, earlier ones preferred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT version: 5 (only), 3.1.1 (only) or auto (default: 5.0, and 3.1.1 for a server that refuses it, remembered for a week).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQTT 5: the server keeps the session and queues messages for S seconds after a disconnect (default 604800, a week; the server may allow less).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--mqtt-version must be 5, 3.1.1 or auto, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--session-expiry must be 0 to 4294967295 seconds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatTopics</name>
    <message>
        <source>use letters, digits, &apos;-&apos; and &apos;_&apos; (no spaces, dots or other punctuation)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoadedTransportPlugin</name>
    <message>
        <source>the plugin&apos;s root object is not a transport factory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PathTrust</name>
    <message>
        <source>cannot read it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this symbolic link belongs to %1, not to you or root; remove it or make your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many symbolic links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the symbolic link: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it belongs to %1 and lies in a folder everyone may write to; only your own or root&apos;s files are trusted there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it belongs to %1, not to you or root: another account could change what runs here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every user may write to this folder; run: chmod o-w &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every user may write to this file; run: chmod o-w &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its group may write to this folder; run: chmod g-w &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its group may write to this file; run: chmod g-w &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PluginSignature</name>
    <message>
        <source>the trusted keys folder cannot be trusted: %1 - %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not signed: there is no %1, and only plugins signed by a key in %2 are loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds %2 bytes; an Ed25519 signature is %3 raw bytes (openssl pkeyutl -sign -rawin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no trusted Ed25519 public key (*.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>its signature does not match: %1 was not made over this file by any of the %n trusted key(s) in %2 (signed by another key, or for another build)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivateCopyFolder</name>
    <message>
        <source>cannot create a private folder in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot lock the private folder %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is readable by other users (%2) and cannot be made private: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was open to other users (%2); made it %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink</name>
    <message>
        <source>the server does not accept MQTT 3.1.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server rejected the client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the MQTT service is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not authorised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not accept this MQTT version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>banned by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is shorter than an ELF header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends before its section table (truncated or still being written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends before its program headers (truncated or still being written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends inside a loadable segment (truncated or still being written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown ELF class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its program headers are malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad authentication method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server has moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the connection (code 0x%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal disconnection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unspecified error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server could not read a packet from us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused by the server&apos;s rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep-alive timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session was taken over by another connection with this client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic filter not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic name not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receive maximum exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic alias not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a packet was too large for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message rate too high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quota exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by an administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payload format not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retain not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QoS not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use another server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared subscriptions not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection rate exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maximum connect time reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subscription identifiers not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wildcard subscriptions not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason code 0x%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packet identifier in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the server says: %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ChatClient</name>
    <message>
        <source>another Longlink (process %1) is already using %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot lock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable transport %1@%2 serves &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a user name: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, over the limit of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a room name: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server had forgotten this session: messages sent to you while you were away may be missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Longlink topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>presence is neither &quot;online&quot; nor &quot;offline&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it claims to be from %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the data folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a CA file or certificate pin is for TLS servers (mqtts://, wss://), not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server URL like mqtt://host:1883, mqtts://host:8883 or wss://host/mqtt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a message id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an edit cannot leave the message empty: delete it instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only your own messages can be edited or deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a membership is neither &quot;joined&quot; nor empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a typing notice is neither &quot;typing&quot; nor &quot;stopped&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::HotSwapController</name>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot; (searched %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handover (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>break-before-make</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not take over the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed during probation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>going back to the previous transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the app stopped within %1 s after %2 was unloaded (%3): it left something running, a timer or a thread; skipped since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the app stopped while %1 was on probation (%2); skipped since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transport plugin for &quot;%1&quot; is being checked; connecting once it passes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transport plugin for &quot;%1&quot; is being checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::MqttSession</name>
    <message>
        <source>no CONNACK from the server within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transport did not open within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new transport did not take over within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced by a newer transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session is stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new transport could not adopt the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moving to another transport failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot send CONNECT on the new transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed packet on the new transport: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent %1 before CONNACK on the new transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new transport closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed packet from the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent %1 before CONNACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected %1 from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second CONNACK from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent PUBLISH before CONNACK on the new transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent PUBLISH before CONNACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server stopped answering (nothing, not even a PINGRESP, for %1 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection on an MQTT 5.0 CONNECT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; trying MQTT 3.1.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not speak MQTT 5.0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(it names %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, more than the server takes (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server used a topic alias, which this client does not allow</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::PluginCheck</name>
    <message>
        <source>could not be checked: %1 did not start (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be checked: %1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its check did not finish within %1 s (it hung at &quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it crashed in its check right after its library was unloaded (at &quot;%1&quot;): it left code running, a timer or a thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it crashed in its check at &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its check ended with exit code %1 at &quot;%2&quot;%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::PluginTrial</name>
    <message>
        <source>%1 %2, API %3, schemes %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, handover %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no GNU unique symbols: the library can be unloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n GNU unique symbol(s) (%1%2): the dynamic linker can never unload this library, so every version swapped in stays in memory; build with CXX_VISIBILITY_PRESET hidden and VISIBILITY_INLINES_HIDDEN ON (-fvisibility=hidden -fvisibility-inlines-hidden)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>could not load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the library was not unloaded within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the library stays mapped after its unload (it has unique symbols, or was linked with -z nodelete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n timer(s) still pending (a QTimer::singleShot whose context object is not one of the transport&apos;s own)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s) still running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) left as children of the application</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>metatypes registered with the plugin&apos;s own types (%1): use Qt&apos;s types across queued signals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it left code running after its transports were destroyed and its library unloaded: %1; they would run into unloaded code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms after the unload</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::RacingLink</name>
    <message>
        <source>no server address to connect to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transport for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n addresses</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::StreamChecks</name>
    <message>
        <source>cannot listen on 127.0.0.1 for the test peer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a local %1 peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (a throwaway self-signed certificate, trusted by its pin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the plugin created no transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>neither transportOpened nor transportClosed within %1 ms of open() with connectTimeoutMs %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not open %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportOpened came, but the peer saw no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs a stream that opens (see &quot;open&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; not tried: %1 (no local peer for it here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened %1 against %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable: this checker has no peer that speaks &quot;%1&quot;; against %2 it said: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; it must open against %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write() refused %1 bytes on an open transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer received %1 of %2 bytes written, within %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer received %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transportClosed within %1 s of close(): the host would wait for it and then blame the server for a lost connection; send transportClosed(None) from the event loop after close() and abort()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed came %1 times; the contract is exactly once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed after close() said %1 (%2); after a requested close it is None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer&apos;s connection was still open %1 s after close() and transportClosed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed(None) once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing more after its end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write() refused one write of %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer received all %1 MiB of one write(), in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of one write() of %1 bytes the peer received %2, the first %3 of them right, within %4 ms%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the stream closed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write() refused %1 of %2 small writes on an open transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer received every byte of %1 writes of 1 to 61 bytes, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 small writes (%2 bytes) the peer received %3 bytes, the first %4 of them right, within %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transportClosed within %1 s of the peer closing the connection: the session would hang on a dead stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed came %1 times after the peer closed; the contract is exactly once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer closing the connection ended in %1 (%2), not RemoteClosed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no event may follow transportClosed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed(RemoteClosed) once: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable: &quot;%1&quot; may not connect over TCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transportClosed within %1 ms of open() on %2, where nobody listens%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (it said transportOpened)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed came %1 times for one refused connection; the contract is exactly once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportOpened came for %1, where nobody listens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open() on %1, where nobody listens, ended in %2 (%3), not ConnectionRefused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed(ConnectionRefused) once: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable: the metadata declares no &quot;connectTimeoutMs&quot; option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not tried: no peer that never completes a connection could be made (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transportClosed within %1 ms of open() with connectTimeoutMs %2 on a peer that never completes the connection: end the open with Timeout when connectTimeoutMs has passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed came %1 times for one timed-out open; the contract is exactly once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an open that never completes ended in %1 (%2), not Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transportClosed(Timeout) once, within %1 ms of open() with connectTimeoutMs %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>release() returned false on an open transport, although the metadata declares %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adopt() of what release() gave (%1) returned false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write() on the adopting transport returned false: after adopt() the stream is open at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the peer received %1 of %2 bytes, the first %3 of them right: the bytes write() accepted before release() go in &quot;unsent&quot;, and the adopter writes them first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 bytes the peer sent, %2 came from the first transport and %3 from the adopter: what was read but not delivered before release() goes in &quot;pending&quot;, and the adopter delivers it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the adopter sent transportOpened: an adopted stream is open at once, without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the released transport sent %1: after release() it sends nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the adopter closed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: release() and adopt() by a second transport; &quot;pending&quot; and &quot;unsent&quot; kept, data flowed both ways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: queue events (QMetaObject::invokeMethod with Qt::QueuedConnection on an object the transport owns), never send them from inside open(), write(), close(), abort(), release() or adopt()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: after transportClosed, or a release() that returned true, a transport sends no more events</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>none from inside a host call or after the end (%n transport(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::TransportHost</name>
    <message>
        <source>could not load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the plugin created no transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot; (searched %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serves %1, the server is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is chosen by hand; choose the newest automatically to use this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in a separate process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>being checked in a separate process</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::TransportLink</name>
    <message>
        <source>the transport %1 does not support the option &quot;%2&quot; this connection needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the option &quot;%1&quot; is not of the type &quot;%2&quot; the transport %3 expects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it sent %1 from inside %2(): a transport must queue its events; the host delivered it later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it sent no transportClosed within %1 s of close(); the host treats the stream as closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed (the transport did not confirm it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::TransportPluginInfo</name>
    <message>
        <source>cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make a private copy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make a private copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Qt plugin (no plugin metadata found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interface &quot;%1&quot; is not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata has no &quot;name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata &quot;version&quot; is not a semantic version like 1.2.3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata &quot;apiVersion&quot; is not major.minor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built for SDK %1, this host speaks %2.%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata lists no &quot;schemes&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not trusted: %1 - %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata &quot;options&quot; is not an object of option names and types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata option &quot;%1&quot; has no known type (one of %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::transports::CertificatePolicy</name>
    <message>
        <source>the pin &quot;%1&quot; is not a SHA-256 fingerprint (64 hex digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate (SHA-256 %1) matches no pinned fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent no certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::transports::SocketFailure</name>
    <message>
        <source>connection refused by %1 (is the server running?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out talking to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS with %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unreachable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::transports::TcpTransport</name>
    <message>
        <source>open() called twice on one transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid TCP endpoint &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::transports::TlsTransport</name>
    <message>
        <source>open() called twice on one transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid TLS endpoint &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate of %1 was not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 closed the connection during the TLS handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection during the TLS handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from %1:%2 within %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::transports::WebSocketTransport</name>
    <message>
        <source>open() called twice on one transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid WebSocket endpoint &quot;%1&quot; (ws://host:port/path or wss://...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate options need a wss:// URL, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate of %1 was not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server at %1 did not agree to the WebSocket subprotocol %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent a text frame; the stream is binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the WebSocket (code %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the WebSocket: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection before the WebSocket opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket error with %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::AppController</name>
    <message>
        <source>Longlink cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not move to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::CertificateDialog</name>
    <message>
        <source>Untrusted certificate — Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 presented a certificate Longlink cannot verify.&lt;/b&gt;&lt;br&gt;Someone may be pretending to be this server. Trust it only if its fingerprint matches the one the server&apos;s administrator gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What verification found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate chain (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the certificate &amp;chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust &amp;once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust &amp;always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect now; ask again after Longlink restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember this certificate for this server (remove it under Longlink ▸ Trusted certificates)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::ChatController</name>
    <message>
        <source>swapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 → %2 in %3 ms, %n message(s) affected</source>
        <translation>
            <numerusform>%1 → %2 in %3 ms, %n message affected</numerusform>
            <numerusform>%1 → %2 in %3 ms, %n messages affected</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked to retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked to retry a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest usable plugin is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused a message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not let you into %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::Composer</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter adds a line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to mention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::ComposerContextBar</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply or edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::ConnectDialog</name>
    <message>
        <source>&amp;Remember the password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server — Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longlink talks to any MQTT broker. Enter its address and the name you chat as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address like mqtt://host:1883.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user name cannot contain spaces, &apos;/&apos;, &apos;+&apos; or &apos;#&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s CAs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: trust the CA certificates in this PEM file instead of the system&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, 64 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: accept only a server certificate with this SHA-256 fingerprint (several: separate them with spaces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate &amp;SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A certificate fingerprint is 64 hex digits (colons allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CA file or fingerprint is for TLS servers (mqtts://, wss://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the CA file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mqtt://host:1883 (plain), mqtts://host:8883 (TLS), ws://host/mqtt or wss://host/mqtt (WebSocket). Several addresses of one service, separated by spaces, are tried together, the first preferred.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::DesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::GuiOptions</name>
    <message>
        <source>Longlink desktop chat client. Without --user it asks for a server and a name, and remembers them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name: connect at once, no dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language for this run: en or zh_CN (default: the setting, else the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours for this run: system, light or dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--language must be en, zh_CN or system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--theme must be system, light or dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::JoinRoomDialog</name>
    <message>
        <source>Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example: lobby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with the room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a room name: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::MainWindow</name>
    <message>
        <source>Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room (Ctrl+J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. What you send waits in the outbox and goes out when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People in this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to another server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search in this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who is here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop &amp;notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Longlink %1&lt;/h3&gt;&lt;p&gt;A desktop chat client on one long-lived MQTT connection, whose transport can be replaced while it runs.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room with Ctrl+J</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n online</source>
        <translation>
            <numerusform>%1 of %n online</numerusform>
            <numerusform>%1 of %n online</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave #%1? Its history stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted &amp;certificates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message for everyone in the room? Its text is removed from this computer too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the first &amp;unread message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms by recent &amp;activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>@&amp;Mentions notify in muted rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::MemberListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::MessageDelegate</name>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent · retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved · sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message not in this history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::MessageModel</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2: deleted message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in reply to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an earlier message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::MessageView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to the newest message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to the newest message (Ctrl+End)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new ↓</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::ui::Notifier</name>
    <message>
        <source>Show Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1) Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Longlink: %n unread message(s)</source>
        <translation>
            <numerusform>Longlink: %n unread message</numerusform>
            <numerusform>Longlink: %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Longlink: nothing unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longlink is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages still arrive. Open it from here; quit from this icon&apos;s menu or with %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::PasswordStore</name>
    <message>
        <source>the system keychain did not answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::RoomListModel</name>
    <message>
        <source>%1, muted</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread, muted</source>
        <translation>
            <numerusform>%1, %n unread, muted</numerusform>
            <numerusform>%1, %n unread, muted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n unread</numerusform>
            <numerusform>%1, %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::ui::SearchBar</name>
    <message>
        <source>Search in this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search every room, not only this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search in all rooms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ppearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transports and certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log out and connect to another server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget the saved password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is forgotten: it is asked for next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept in the system&apos;s keychain, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a &amp;desktop notification for a new message while the window is not active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message that @&amp;mentions me notifies even from a muted room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each room can be muted from the Room menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms by recent &amp;activity (else by name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show who is in the &amp;room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;transports panel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There you can choose a plugin by hand (pin it) or go back to the newest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any plugin that passes its check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only plugins signed by a &amp;key in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of trusted keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s certificate authorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the &amp;CAs in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys and CAs are read when Longlink connects next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted &amp;certificates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::StatusBarWidget</name>
    <message>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try to connect now instead of waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport plugin carrying the connection (Ctrl+T for details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the last keep-alive ping to the server and back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked to retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offline · retrying in %n s</source>
        <translation>
            <numerusform>Offline · retrying in %n s</numerusform>
            <numerusform>Offline · retrying in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: %1 · retrying in %n s</source>
        <translation>
            <numerusform>Offline: %1 · retrying in %n s</numerusform>
            <numerusform>Offline: %1 · retrying in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT —</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Transport %1 %2 → %3 in %4 ms · %n message(s) affected</source>
        <translation>
            <numerusform>Transport %1 %2 → %3 in %4 ms · %n message affected</numerusform>
            <numerusform>Transport %1 %2 → %3 in %4 ms · %n messages affected</numerusform>
        </translation>
    </message>
    <message>
        <source>The connection moved to another transport plugin; nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (chosen by hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 · %3 chosen by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport plugin carrying the connection, chosen by hand: newer versions do not take over (Ctrl+T to change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport %1 rejected: %2 · going back to the previous one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new transport plugin failed; the connection returns to the one before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport %1 rejected: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport %1 rejected: %2 · %3 carries on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new transport plugin could not take over; the connection stayed where it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back on transport %1 %2 · %3 was rejected: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new transport plugin failed; the connection is back on the one before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer: %1 port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1, sent %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · MQTT %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>MQTT 5.0: the server keeps the session %n second(s) after a disconnect</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>MQTT 3.1.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server says: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::TransportEventLog</name>
    <message>
        <source>discovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::TransportPluginModel</name>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schemes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::TransportsPanel</name>
    <message>
        <source>&amp;Use this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transports — Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Transport plugins&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plugin folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport plugins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry the connection with the selected plugin from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the plugin&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the plugin folders again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Event log&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport event log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not created yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 will carry the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;newest automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport carrying the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the newest transport automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the plugin chosen by hand: the newest usable one carries the connection, and newer ones take over as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transport carries the connection yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrying the connection: %1 %2 (the newest usable plugin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrying the connection: %1 %2 (chosen by hand) · newer versions do not take over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrying the connection: %1 %2 · %3 chosen by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest usable plugin will carry the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require &amp;signatures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not require signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plugin signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use only plugins signed (&lt;file&gt;.sig, Ed25519) by a public key in a folder you choose, like --trusted-keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of trusted public keys (*.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures are not required: any plugin you and root alone can change is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only plugins signed by a key in %1 are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(--trusted-keys; without it, signatures are not required.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(--trusted-keys; without it, keys in %1.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the next start, signatures are not required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the next start, only plugins signed by a key in %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>longlink::ui::TrustedCertificatesDialog</name>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted certificates — Longlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server certificates you chose to trust although they could not be verified. Remove one to be asked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Runs a Longlink transport plugin through the transport contract: its metadata and symbols; open, write (large and fragmented) and close against a local test peer; the peer closing, a refused and a timed-out connection, the handover; events from inside host calls; then unloads it and looks for what it left running. Prints PASS, FAIL (with what to fix), WARN or SKIP (not applicable) for each check; exits with 0 only when none failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One JSON object per line, for programs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle this long after the unload (default 500).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the details in LANG (en or zh_CN; default en, the contract&apos;s language). The app asks for its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plugin file to check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
