#include "trustedcertificatesdialog.h"

#include "certificatedialog.h"
#include "chatclient.h"
#include "icons.h"

#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
constexpr int kShaRole = Qt::UserRole + 1;
}

TrustedCertificatesDialog::TrustedCertificatesDialog(ChatClient *client, QWidget *parent)
    : QDialog(parent), m_client(client), m_list(new QTreeWidget(this)),
      m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Trusted certificates — Longlink"));
    setWindowIcon(icons::app());
    setAccessibleName(tr("Trusted certificates"));
    auto *intro = new QLabel(tr("Server certificates you chose to trust although they could not "
                                "be verified. Remove one to be asked again."),
            this);
    intro->setWordWrap(true);
    m_list->setHeaderLabels(
            { tr("Server"), tr("Issued to"), tr("SHA-256"), tr("Expires"), tr("Trusted since") });
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setAccessibleName(tr("Trusted certificates"));
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_remove->setAccessibleName(tr("Remove the selected certificate"));
    m_remove->setEnabled(false);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { m_remove->setEnabled(current != nullptr); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_list->currentItem())
            removeRow(m_list->indexOfTopLevelItem(item));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(760, 320);
    reload();
}

int TrustedCertificatesDialog::count() const
{
    return m_list->topLevelItemCount();
}

void TrustedCertificatesDialog::removeRow(int row)
{
    QTreeWidgetItem *item = m_list->topLevelItem(row);
    if (!item)
        return;
    m_client->revokeCertificate(item->data(0, kShaRole).toString());
    reload();
}

void TrustedCertificatesDialog::reload()
{
    m_list->clear();
    const QLocale locale;
    for (const ChatClient::TrustedCertificate &trusted : m_client->trustedCertificates()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, u"%1:%2"_s.arg(trusted.host).arg(trusted.port));
        item->setText(1, trusted.subject);
        // The start is enough to tell them apart; the whole one in the tooltip.
        item->setText(2, trusted.sha256.left(16).toUpper() + u"…"_s);
        item->setToolTip(2, CertificateDialog::groupedFingerprint(trusted.sha256));
        item->setText(
                3, locale.toString(trusted.notAfter.toLocalTime().date(), QLocale::ShortFormat));
        item->setText(4,
                locale.toString(trusted.trustedSince.toLocalTime().date(), QLocale::ShortFormat));
        item->setData(0, kShaRole, trusted.sha256);
    }
    m_remove->setEnabled(m_list->currentItem() != nullptr);
}

} // namespace longlink::ui
