#include "bytelink.h"

#include <QtCore/QMetaEnum>

namespace longlink {

bool ByteLink::release(QVariantMap &state)
{
    Q_UNUSED(state);
    return false;
}

bool ByteLink::adopt(const QVariantMap &state)
{
    Q_UNUSED(state);
    return false;
}

QVariantMap ByteLink::handoverRequest() const
{
    return {};
}

QVariantMap ByteLink::connectionInfo() const
{
    return {};
}

void ByteLink::decideCertificate(CertificateDecision decision)
{
    Q_UNUSED(decision);
}

QString ByteLink::errorName(Error error)
{
    return QString::fromLatin1(QMetaEnum::fromType<Error>().valueToKey(int(error)));
}

} // namespace longlink
