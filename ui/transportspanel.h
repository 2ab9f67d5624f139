#pragma once

#include <QtWidgets/QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace longlink::ui {

class ChatController;
class TransportPluginModel;

// Every plugin file the host knows, with its verdict, and what the host
// did (its event log). A plugin can be chosen by hand or its folder opened.
class TransportsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TransportsPanel(ChatController *controller, QWidget *parent = nullptr);

    TransportPluginModel *pluginModel() const { return m_model; }
    QTableView *pluginView() const { return m_plugins; }
    QTableView *logView() const { return m_log; }

private:
    void updateActions();
    void useSelected();
    void openSelectedFolder();
    int selectedRow() const;
    void updateFolders();

    ChatController *m_controller;
    TransportPluginModel *m_model;
    QLabel *m_folders;
    QTableView *m_plugins;
    QPushButton *m_use;
    QPushButton *m_openFolder;
    QPushButton *m_rescan;
    QLabel *m_message;
    QTableView *m_log;
};

} // namespace longlink::ui
