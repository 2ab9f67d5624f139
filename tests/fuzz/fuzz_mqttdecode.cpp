// libFuzzer target: the MQTT decoder, fed a byte stream in the chunks the
// input's first byte chooses, for both protocol versions. It must never
// crash, hang or leak, and what it decodes must encode to something it
// decodes to the same packet again.
#include "mqttpacket.h"

#include <cstdint>
#include <cstdlib>

using namespace longlink::mqtt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const ProtocolVersion version = (data[0] & 1) ? ProtocolVersion::V5 : ProtocolVersion::V311;
    const size_t chunk = std::max<size_t>(1, data[0] >> 1);
    const QByteArray stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    PacketReader reader(version);
    reader.setMaximumPacketSize(64 * 1024); // small, so skipping is exercised too
    for (qsizetype at = 0; at < stream.size(); at += qsizetype(chunk)) {
        reader.append(stream.mid(at, qsizetype(chunk)));
        Packet packet;
        for (;;) {
            const PacketReader::Status status = reader.next(packet);
            if (status == PacketReader::Status::NeedMore || status == PacketReader::Status::Error)
                break;
            if (status != PacketReader::Status::Packet)
                continue;
            QString error;
            const QByteArray again = encode(packet, version, &error);
            if (again.isEmpty())
                continue; // a value the encoder refuses to write is fine
            const std::optional<Packet> back = decode(again, version, &error);
            if (!back || !(*back == packet))
                std::abort(); // what we write, we must read back unchanged
        }
        if (reader.pendingBytes().size() > 2 * 64 * 1024 + qsizetype(chunk))
            std::abort(); // never buffers more than the limit allows
    }
    QString error;
    (void)decode(stream, version, &error);
    return 0;
}
