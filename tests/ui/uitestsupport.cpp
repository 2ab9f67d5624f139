#include "uitestsupport.h"

#include "composer.h"
#include "messagemodel.h"

#include <QtCore/QDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace longlink::test {

GuiUnderTest::GuiUnderTest(const QString &user, const QUrl &server, const QString &dataDir,
        const QStringList &rooms, const QStringList &extraTransportFolders)
{
    m_config.server = server;
    m_config.user = user;
    m_config.rooms = rooms;
    m_config.dataDir = dataDir;
    // Test programs live in tests/bin, away from the build's transports folder.
    m_config.transportFolders
            = QStringList { QStringLiteral(LONGLINK_BUILD_TRANSPORTS) } + extraTransportFolders;
    m_settingsFile = QDir(dataDir).filePath(u"gui.ini"_s);
}

GuiUnderTest::~GuiUnderTest()
{
    m_window.reset();
    m_controller.reset();
    if (m_client)
        m_client->shutdown();
    m_client.reset();
}

bool GuiUnderTest::open()
{
    QDir().mkpath(m_config.dataDir);
    m_settings = std::make_unique<ui::Settings>(m_settingsFile);
    m_client = std::make_unique<ChatClient>();
    if (!m_client->open(m_config)) {
        qWarning() << m_client->errorString();
        return false;
    }
    m_controller = std::make_unique<ui::ChatController>(m_client.get(), m_settings.get());
    if (!m_config.rooms.isEmpty())
        m_controller->setCurrentRoom(m_config.rooms.first());
    m_window = std::make_unique<ui::MainWindow>(m_controller.get());
    m_window->resize(1000, 700);
    m_window->show();
    m_client->start();
    return true;
}

bool GuiUnderTest::connected() const
{
    return m_client && m_client->connectionState() == ChatClient::ConnectionState::Connected;
}

void GuiUnderTest::type(const QString &text)
{
    ui::Composer *composer = m_window->composer();
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
}

QStringList GuiUnderTest::messageIds() const
{
    QStringList ids;
    const ui::MessageModel *model = m_controller->messages();
    for (int row = 0; row < model->rowCount(); ++row)
        ids.append(model->at(row).message.id);
    return ids;
}

QStringList GuiUnderTest::messageTexts() const
{
    QStringList texts;
    const ui::MessageModel *model = m_controller->messages();
    for (int row = 0; row < model->rowCount(); ++row)
        texts.append(model->at(row).message.text);
    return texts;
}

} // namespace longlink::test
