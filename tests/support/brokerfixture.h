#pragma once

#include "mosquittobroker.h"

#include <QtCore/QString>

#include <memory>

class QTemporaryDir;

namespace longlink::test {

// What every test class that talks to a real broker sets up per test
// function: a mosquitto of its own on a free loopback port and a temporary
// folder for the participants' data, both gone after the test.
//
//   void init() { QVERIFY2(m_env.start(), qPrintable(m_env.errorString())); }
//   void cleanup() { m_env.stop(); }
class BrokerFixture
{
public:
    BrokerFixture();
    ~BrokerFixture();

    // For initTestCase(): Qt's test paths, so no test touches the real
    // user's settings, data or plugin folders.
    static void useTestPaths();

    // A fresh data folder and a started broker (`extraConfig` is appended to
    // its configuration). False and errorString() when either fails.
    bool start(const QString &extraConfig = QString());
    // Stops the broker and removes the folder.
    void stop();

    MosquittoBroker &broker() const { return *m_broker; }
    // A folder of its own for one participant (or anything else) by name.
    QString dataFor(const QString &name) const;
    QString errorString() const { return m_error; }

private:
    std::unique_ptr<MosquittoBroker> m_broker;
    std::unique_ptr<QTemporaryDir> m_data;
    QString m_error;
};

} // namespace longlink::test
