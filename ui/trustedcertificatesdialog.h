#pragma once

#include <QtWidgets/QDialog>

class QPushButton;
class QTreeWidget;

namespace longlink {
class ChatClient;
}

namespace longlink::ui {

// The server certificates the user chose to trust always (kept in the
// store by ChatClient), with a way to take that back: a removed one is
// asked about again at the next connection, and a connection relying on it
// ends at once.
class TrustedCertificatesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TrustedCertificatesDialog(ChatClient *client, QWidget *parent = nullptr);

    int count() const;
    // Removes the certificate in row `row` (what the Remove button does).
    void removeRow(int row);

private:
    void reload();

    ChatClient *m_client;
    QTreeWidget *m_list;
    QPushButton *m_remove;
};

} // namespace longlink::ui
