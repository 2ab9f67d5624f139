#include "brokerfixture.h"

#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>

namespace longlink::test {

BrokerFixture::BrokerFixture() : m_broker(std::make_unique<MosquittoBroker>()) { }

BrokerFixture::~BrokerFixture() = default;

void BrokerFixture::useTestPaths()
{
    QStandardPaths::setTestModeEnabled(true);
    // Test programs do not live next to the checker the host looks for.
    if (!qEnvironmentVariableIsSet("LONGLINK_TRANSPORT_CHECK"))
        qputenv("LONGLINK_TRANSPORT_CHECK", LONGLINK_CHECK_PATH);
}

bool BrokerFixture::start(const QString &extraConfig)
{
    m_error.clear();
    m_data = std::make_unique<QTemporaryDir>();
    if (!m_data->isValid()) {
        m_error = QStringLiteral("cannot make a temporary folder: ") + m_data->errorString();
        return false;
    }
    m_broker = std::make_unique<MosquittoBroker>();
    if (!extraConfig.isEmpty())
        m_broker->setExtraConfig(extraConfig);
    if (!m_broker->start()) {
        m_error = m_broker->errorString();
        return false;
    }
    return true;
}

void BrokerFixture::stop()
{
    m_broker = std::make_unique<MosquittoBroker>(); // the old one stops in its destructor
    m_data.reset();
}

QString BrokerFixture::dataFor(const QString &name) const
{
    return m_data ? m_data->filePath(name) : QString();
}

} // namespace longlink::test
