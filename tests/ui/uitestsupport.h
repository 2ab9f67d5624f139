#pragma once

#include "chatclient.h"
#include "chatcontroller.h"
#include "mainwindow.h"
#include "settings.h"

#include <QtCore/QTemporaryDir>

#include <memory>

namespace longlink::test {

// One person's desktop client under test: a ChatClient on its own data
// folder, GUI settings in a file of their own, the controller and the main
// window, wired as the program wires them.
class GuiUnderTest
{
public:
    GuiUnderTest(const QString &user, const QUrl &server, const QString &dataDir,
            const QStringList &rooms, const QStringList &extraTransportFolders = {});
    ~GuiUnderTest();

    bool open();
    bool connected() const;

    ChatClient *client() const { return m_client.get(); }
    ui::Settings *settings() const { return m_settings.get(); }
    ui::ChatController *controller() const { return m_controller.get(); }
    ui::MainWindow *window() const { return m_window.get(); }

    // Types into the composer and presses Enter, as a person would.
    void type(const QString &text);
    QStringList messageIds() const;
    QStringList messageTexts() const;

private:
    ChatClient::Config m_config;
    QString m_settingsFile;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ui::Settings> m_settings;
    std::unique_ptr<ui::ChatController> m_controller;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace longlink::test
