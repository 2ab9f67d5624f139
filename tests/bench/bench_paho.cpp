// The durable reference client for bench_throughput: Eclipse Paho C (the
// synchronous MQTTClient) with its file persistence, MQTT 3.1.1, clean
// session off, so every QoS 1 message it sends is in a file until the broker
// has acknowledged it, as longlink's outbox keeps it in SQLite.
//
//   bench_paho pub URI TOPIC QOS CLIENT_ID PERSISTENCE_DIR INFLIGHT
//       publishes each line of stdin as it arrives, at most INFLIGHT
//       unacknowledged; at the end of stdin waits for every acknowledgement
//       (as mosquitto_pub -l does), then disconnects.
//   bench_paho sub URI TOPIC QOS CLIENT_ID PERSISTENCE_DIR COUNT
//       prints each payload on a line of its own (flushed, as mosquitto_sub
//       does); exits after COUNT messages, or at the end of stdin when
//       COUNT is 0.
#include <MQTTClient.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

namespace {

constexpr auto kDrainTimeout = std::chrono::seconds(120);
constexpr auto kReceiveTimeout = std::chrono::seconds(600);

struct State
{
    std::mutex mutex;
    std::condition_variable changed;
    int inflight = 0;
    long received = 0;
    long count = 0;
    bool lost = false;
};

void connectionLost(void *context, char *cause)
{
    auto *state = static_cast<State *>(context);
    std::fprintf(stderr, "bench_paho: connection lost: %s\n", cause ? cause : "(no reason)");
    const std::lock_guard lock(state->mutex);
    state->lost = true;
    state->changed.notify_all();
}

void deliveryComplete(void *context, MQTTClient_deliveryToken)
{
    auto *state = static_cast<State *>(context);
    const std::lock_guard lock(state->mutex);
    --state->inflight;
    state->changed.notify_all();
}

// The publisher gets its own messages only if it subscribed; it does not.
int ignoreMessage(void *, char *topic, int, MQTTClient_message *message)
{
    MQTTClient_freeMessage(&message);
    MQTTClient_free(topic);
    return 1;
}

int printMessage(void *context, char *topic, int, MQTTClient_message *message)
{
    auto *state = static_cast<State *>(context);
    std::fwrite(message->payload, 1, size_t(message->payloadlen), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    MQTTClient_freeMessage(&message);
    MQTTClient_free(topic);
    const std::lock_guard lock(state->mutex);
    ++state->received;
    if (state->count > 0 && state->received >= state->count)
        state->changed.notify_all();
    return 1;
}

int publishLines(MQTTClient client, State &state, const char *topic, int qos, int window)
{
    std::string line;
    char chunk[4096];
    while (std::fgets(chunk, sizeof chunk, stdin)) {
        line += chunk;
        if (line.empty() || line.back() != '\n')
            continue; // a line longer than the chunk
        line.pop_back();
        if (qos > 0) {
            // Counted before publishing: the acknowledgement can come first.
            std::unique_lock lock(state.mutex);
            state.changed.wait(lock, [&] { return state.inflight < window || state.lost; });
            if (state.lost)
                return 1;
            ++state.inflight;
        }
        MQTTClient_deliveryToken token = 0;
        int rc;
        // Paho's own count of messages in flight can lag ours by a moment.
        while ((rc = MQTTClient_publish(
                        client, topic, int(line.size()), line.data(), qos, 0, &token))
                == MQTTCLIENT_MAX_MESSAGES_INFLIGHT)
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        if (rc != MQTTCLIENT_SUCCESS) {
            std::fprintf(stderr, "bench_paho: publish failed: %s\n", MQTTClient_strerror(rc));
            return 1;
        }
        line.clear();
    }
    std::unique_lock lock(state.mutex);
    if (!state.changed.wait_for(lock, kDrainTimeout, [&] {
            return state.inflight <= 0 || state.lost;
        }) || state.lost) {
        std::fprintf(stderr, "bench_paho: %d messages not acknowledged\n", state.inflight);
        return 1;
    }
    return 0;
}

int receive(State &state)
{
    if (state.count > 0) {
        std::unique_lock lock(state.mutex);
        state.changed.wait_for(
                lock, kReceiveTimeout, [&] { return state.received >= state.count || state.lost; });
        return state.received >= state.count ? 0 : 1;
    }
    char chunk[4096];
    while (std::fgets(chunk, sizeof chunk, stdin)) { }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 8 || (std::strcmp(argv[1], "pub") != 0 && std::strcmp(argv[1], "sub") != 0)) {
        std::fputs("usage: bench_paho pub|sub URI TOPIC QOS CLIENT_ID PERSISTENCE_DIR "
                   "INFLIGHT|COUNT\n",
                stderr);
        return 2;
    }
    const bool publisher = std::strcmp(argv[1], "pub") == 0;
    const char *uri = argv[2];
    const char *topic = argv[3];
    const int qos = std::atoi(argv[4]);
    const long last = std::atol(argv[7]);

    State state;
    state.count = publisher ? 0 : last;
    const int window = publisher ? int(std::max(1L, last)) : 1;
    MQTTClient client = nullptr;
    int rc = MQTTClient_create(&client, uri, argv[5], MQTTCLIENT_PERSISTENCE_DEFAULT, argv[6]);
    if (rc != MQTTCLIENT_SUCCESS) {
        std::fprintf(stderr, "bench_paho: create failed: %s\n", MQTTClient_strerror(rc));
        return 1;
    }
    // Callbacks put the client in its multi-threaded mode: acknowledgements
    // are read in the background while the main thread waits for stdin.
    MQTTClient_setCallbacks(client, &state, connectionLost,
            publisher ? ignoreMessage : printMessage, publisher ? deliveryComplete : nullptr);
    MQTTClient_connectOptions options = MQTTClient_connectOptions_initializer;
    options.keepAliveInterval = 60;
    options.cleansession = 0;
    options.reliable = 0;
    options.MQTTVersion = MQTTVERSION_3_1_1;
    options.maxInflightMessages = window;
    if ((rc = MQTTClient_connect(client, &options)) != MQTTCLIENT_SUCCESS) {
        std::fprintf(stderr, "bench_paho: connect failed: %s\n", MQTTClient_strerror(rc));
        MQTTClient_destroy(&client);
        return 1;
    }
    int status = 0;
    if (publisher) {
        status = publishLines(client, state, topic, qos, window);
    } else if ((rc = MQTTClient_subscribe(client, topic, qos)) != MQTTCLIENT_SUCCESS) {
        std::fprintf(stderr, "bench_paho: subscribe failed: %s\n", MQTTClient_strerror(rc));
        status = 1;
    } else {
        status = receive(state);
    }
    MQTTClient_disconnect(client, 10'000);
    MQTTClient_destroy(&client);
    return status;
}
