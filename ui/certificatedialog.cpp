#include "certificatedialog.h"

#include "icons.h"

#include <QtCore/QDateTime>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
QLabel *selectableLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}
} // namespace

QString CertificateDialog::groupedFingerprint(const QString &hex)
{
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2)
        pairs.append(hex.mid(i, 2).toUpper());
    // Two lines of sixteen pairs: short enough to compare by eye.
    const qsizetype half = (pairs.size() + 1) / 2;
    return pairs.mid(0, half).join(u':') + (pairs.size() > half ? u"\n"_s : QString())
            + pairs.mid(half).join(u':');
}

CertificateDialog::CertificateDialog(const QVariantMap &certificate, QWidget *parent)
    : QDialog(parent), m_certificate(certificate)
{
    const QString server = u"%1:%2"_s.arg(certificate.value(u"host"_s).toString())
                                   .arg(certificate.value(u"port"_s).toInt());
    setWindowTitle(tr("Untrusted certificate — Longlink"));
    setWindowIcon(icons::app());
    setAccessibleName(tr("Untrusted certificate"));

    auto *intro = new QLabel(
            tr("<b>%1 presented a certificate Longlink cannot verify.</b><br>Someone may be "
               "pretending to be this server. Trust it only if its fingerprint matches the one "
               "the server's administrator gave you.")
                    .arg(server.toHtmlEscaped()),
            this);
    intro->setWordWrap(true);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), selectableLabel(server, this));
    form->addRow(
            tr("Issued to:"), selectableLabel(certificate.value(u"subject"_s).toString(), this));
    form->addRow(
            tr("Issued by:"), selectableLabel(certificate.value(u"issuer"_s).toString(), this));
    const QDateTime from = certificate.value(u"notBefore"_s).toDateTime();
    const QDateTime until = certificate.value(u"notAfter"_s).toDateTime();
    form->addRow(tr("Valid:"),
            selectableLabel(
                    tr("%1 to %2")
                            .arg(QLocale().toString(from.toLocalTime(), QLocale::ShortFormat),
                                    QLocale().toString(until.toLocalTime(), QLocale::ShortFormat)),
                    this));
    auto *fingerprint
            = selectableLabel(groupedFingerprint(certificate.value(u"sha256"_s).toString()), this);
    fingerprint->setFont(fixed);
    fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    form->addRow(tr("SHA-256:"), fingerprint);
    QStringList problems;
    for (const QString &error : certificate.value(u"errors"_s).toStringList())
        problems.append(u"• "_s + error);
    auto *errors = selectableLabel(problems.join(u'\n'), this);
    errors->setAccessibleName(tr("What verification found"));
    form->addRow(tr("Problems:"), errors);

    auto *chain = new QPlainTextEdit(this);
    chain->setReadOnly(true);
    chain->setFont(fixed);
    chain->setPlainText(certificate.value(u"chain"_s).toStringList().join(QString()));
    chain->setAccessibleName(tr("Certificate chain (PEM)"));
    chain->setMinimumHeight(120);
    chain->hide();
    auto *showChain = new QPushButton(tr("Show the certificate &chain"), this);
    showChain->setCheckable(true);
    connect(showChain, &QPushButton::toggled, chain, &QWidget::setVisible);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *refuse = buttons->addButton(tr("&Refuse"), QDialogButtonBox::RejectRole);
    QPushButton *once = buttons->addButton(tr("Trust &once"), QDialogButtonBox::AcceptRole);
    QPushButton *always = buttons->addButton(tr("Trust &always"), QDialogButtonBox::AcceptRole);
    refuse->setDefault(true); // Enter must not trust by accident
    refuse->setAccessibleName(tr("Refuse"));
    once->setAccessibleName(tr("Trust once"));
    once->setToolTip(tr("Connect now; ask again after Longlink restarts"));
    always->setAccessibleName(tr("Trust always"));
    always->setToolTip(tr("Remember this certificate for this server (remove it under "
                          "Longlink ▸ Trusted certificates)"));
    connect(refuse, &QPushButton::clicked, this,
            [this] { decide(ByteLink::CertificateDecision::Refuse); });
    connect(once, &QPushButton::clicked, this,
            [this] { decide(ByteLink::CertificateDecision::AcceptOnce); });
    connect(always, &QPushButton::clicked, this,
            [this] { decide(ByteLink::CertificateDecision::AcceptAlways); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(showChain, 0, Qt::AlignLeft);
    layout->addWidget(chain, 1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    refuse->setFocus();
}

void CertificateDialog::decide(ByteLink::CertificateDecision decision)
{
    m_decision = decision;
    if (decision == ByteLink::CertificateDecision::Refuse)
        reject();
    else
        accept();
}

void CertificateDialog::done(int result)
{
    // However it closes (a button, Esc, the window's close box), one answer.
    if (!m_answered) {
        m_answered = true;
        if (result != QDialog::Accepted)
            m_decision = ByteLink::CertificateDecision::Refuse;
        Q_EMIT decided(m_decision, m_certificate);
    }
    QDialog::done(result);
}

} // namespace longlink::ui
