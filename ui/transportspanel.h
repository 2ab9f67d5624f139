#pragma once

#include <QtWidgets/QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace longlink::ui {

class ChatController;
class TransportPluginModel;

// Every plugin file the host knows, with its verdict, which one carries the
// connection, and what the host did (its event log). A plugin can be chosen
// by hand, the choice given back, or a plugin's folder opened. Esc closes.
class TransportsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TransportsPanel(ChatController *controller, QWidget *parent = nullptr);

    TransportPluginModel *pluginModel() const { return m_model; }
    QTableView *pluginView() const { return m_plugins; }
    QTableView *logView() const { return m_log; }

    // Only plugins signed by a key in `folder` are used from the next start
    // (empty: signatures are not required). What "Require signatures…" does
    // after its folder dialog.
    void requireSignaturesFrom(const QString &folder);
    QString signingText() const;

private:
    void updateActions();
    void updateCarrier();
    void useSelected();
    void useNewest();
    void openSelectedFolder();
    int selectedRow() const;
    void updateFolders();
    void updateSigning();
    void chooseSigningFolder();

    ChatController *m_controller;
    TransportPluginModel *m_model;
    QLabel *m_folders;
    QLabel *m_carrier;
    QTableView *m_plugins;
    QPushButton *m_use;
    QPushButton *m_useNewest;
    QPushButton *m_openFolder;
    QPushButton *m_rescan;
    QLabel *m_message;
    QLabel *m_signing;
    QPushButton *m_requireSigned;
    QPushButton *m_acceptUnsigned;
    QTableView *m_log;
    QString m_selectedFile; // kept across the model's resets
};

} // namespace longlink::ui
