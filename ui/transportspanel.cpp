#include "transportspanel.h"

#include "chatcontroller.h"
#include "icons.h"
#include "settings.h"
#include "transportpluginmodel.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtGui/QDesktopServices>
#include <QtGui/QShortcut>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableView>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
void setUpTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setHighlightSections(false);
    view->setShowGrid(false);
}
} // namespace

TransportsPanel::TransportsPanel(ChatController *controller, QWidget *parent)
    : QWidget(parent, Qt::Window), m_controller(controller),
      m_model(new TransportPluginModel(controller->client(), this)), m_folders(new QLabel(this)),
      m_carrier(new QLabel(this)), m_plugins(new QTableView(this)),
      m_use(new QPushButton(tr("&Use this"), this)),
      m_useNewest(new QPushButton(tr("Use the &newest automatically"), this)),
      m_openFolder(new QPushButton(tr("Open &folder"), this)),
      m_rescan(new QPushButton(tr("&Rescan"), this)), m_message(new QLabel(this)),
      m_signing(new QLabel(this)),
      m_requireSigned(new QPushButton(tr("Require &signatures…"), this)),
      m_acceptUnsigned(new QPushButton(tr("Do not require signatures"), this)),
      m_log(new QTableView(this))
{
    setWindowTitle(tr("Transports — Longlink"));
    setWindowIcon(icons::app());
    setAccessibleName(tr("Transports"));
    resize(980, 560);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *pluginsTitle = new QLabel(tr("<b>Transport plugins</b>"), top);
    m_folders->setWordWrap(true);
    m_folders->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_folders->setOpenExternalLinks(true);
    m_folders->setAccessibleName(tr("Plugin folders"));
    m_carrier->setObjectName(u"carrierLabel"_s);
    m_carrier->setAccessibleName(tr("Transport carrying the connection"));
    m_carrier->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setUpTable(m_plugins);
    m_plugins->setModel(m_model);
    m_plugins->setAccessibleName(tr("Transport plugins"));
    QHeaderView *header = m_plugins->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TransportPluginModel::StateColumn, QHeaderView::Stretch);
    header->resizeSection(TransportPluginModel::NameColumn, 150);
    header->resizeSection(TransportPluginModel::VersionColumn, 70);
    header->resizeSection(TransportPluginModel::SchemesColumn, 90);
    header->resizeSection(TransportPluginModel::FileColumn, 300);
    header->resizeSection(TransportPluginModel::HashColumn, 110);
    m_use->setObjectName(u"useButton"_s);
    m_useNewest->setObjectName(u"useNewestButton"_s);
    m_openFolder->setObjectName(u"openFolderButton"_s);
    m_rescan->setObjectName(u"rescanButton"_s);
    m_use->setAccessibleName(tr("Use this transport"));
    m_use->setToolTip(tr("Carry the connection with the selected plugin from now on"));
    m_useNewest->setAccessibleName(tr("Use the newest transport automatically"));
    m_useNewest->setToolTip(tr("Forget the plugin chosen by hand: the newest usable one carries "
                               "the connection, and newer ones take over as they arrive"));
    m_openFolder->setAccessibleName(tr("Open the plugin's folder"));
    m_rescan->setAccessibleName(tr("Read the plugin folders again"));
    m_message->setAccessibleName(tr("Result"));
    m_message->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_use);
    buttons->addWidget(m_useNewest);
    buttons->addWidget(m_openFolder);
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_rescan);
    topLayout->addWidget(pluginsTitle);
    topLayout->addWidget(m_folders);
    topLayout->addWidget(m_carrier);
    topLayout->addWidget(m_plugins, 1);
    topLayout->addLayout(buttons);
    m_signing->setObjectName(u"signingLabel"_s);
    m_signing->setAccessibleName(tr("Plugin signatures"));
    m_signing->setWordWrap(true);
    m_signing->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_requireSigned->setObjectName(u"requireSignedButton"_s);
    m_requireSigned->setToolTip(tr("Use only plugins signed (<file>.sig, Ed25519) by a public "
                                   "key in a folder you choose, like --trusted-keys"));
    m_acceptUnsigned->setObjectName(u"acceptUnsignedButton"_s);
    auto *signing = new QHBoxLayout;
    signing->addWidget(m_signing, 1);
    signing->addWidget(m_requireSigned);
    signing->addWidget(m_acceptUnsigned);
    topLayout->addLayout(signing);
    connect(m_requireSigned, &QPushButton::clicked, this, &TransportsPanel::chooseSigningFolder);
    connect(m_acceptUnsigned, &QPushButton::clicked, this,
            [this] { requireSignaturesFrom(QString()); });
    connect(m_controller->settings(), &Settings::trustedKeysFolderChanged, this,
            &TransportsPanel::updateSigning);
    updateSigning();

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(new QLabel(tr("<b>Event log</b>"), bottom));
    setUpTable(m_log);
    m_log->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_log->setModel(controller->transportLog());
    m_log->setAccessibleName(tr("Transport event log"));
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->horizontalHeader()->resizeSection(TransportEventLog::TimeColumn, 80);
    m_log->horizontalHeader()->resizeSection(TransportEventLog::StepColumn, 100);
    m_log->horizontalHeader()->resizeSection(TransportEventLog::PluginColumn, 150);
    bottomLayout->addWidget(m_log, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_plugins->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TransportsPanel::updateActions);
    // Every change of the plugins resets the model: the row picked stays picked.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const int row = selectedRow();
        m_selectedFile = row >= 0 ? m_model->info(row).file : QString();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_selectedFile.isEmpty() ? -1 : m_model->rowOfFile(m_selectedFile);
        if (row >= 0)
            m_plugins->selectRow(row);
        updateActions();
        updateFolders();
        updateCarrier();
    });
    connect(m_plugins, &QTableView::doubleClicked, this, &TransportsPanel::useSelected);
    connect(m_use, &QPushButton::clicked, this, &TransportsPanel::useSelected);
    connect(m_useNewest, &QPushButton::clicked, this, &TransportsPanel::useNewest);
    connect(m_openFolder, &QPushButton::clicked, this, &TransportsPanel::openSelectedFolder);
    connect(m_rescan, &QPushButton::clicked, this,
            [this] { m_controller->client()->rescanTransports(); });
    connect(controller->transportLog(), &QAbstractItemModel::rowsInserted, m_log,
            [this] { m_log->scrollToBottom(); });
    ChatClient *client = controller->client();
    // The carrier as the client announces it: after a swap, a rollback or a
    // reconnect through another plugin.
    connect(client, &ChatClient::transportChanged, this, &TransportsPanel::updateCarrier);
    connect(client, &ChatClient::transportPinChanged, this, [this] {
        updateCarrier();
        updateActions();
    });
    // A window of its own, closed like a dialog.
    new QShortcut(QKeySequence::Cancel, this, this, &QWidget::close);
    updateFolders();
    updateActions();
    updateCarrier();
}

int TransportsPanel::selectedRow() const
{
    const QModelIndexList rows = m_plugins->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void TransportsPanel::updateActions()
{
    const int row = selectedRow();
    const TransportPluginInfo info = m_model->info(row);
    m_use->setEnabled(row >= 0 && info.state == TransportPluginInfo::State::Available);
    m_openFolder->setEnabled(row >= 0);
    m_useNewest->setEnabled(!m_controller->client()->pinnedTransport().isEmpty());
}

void TransportsPanel::updateCarrier()
{
    const ChatClient *client = m_controller->client();
    const QString name = client->transportName();
    const QString version = client->transportVersion();
    const QString pin = client->pinnedTransport();
    QString text;
    if (name.isEmpty())
        text = tr("No transport carries the connection yet.");
    else if (pin.isEmpty())
        text = tr("Carrying the connection: %1 %2 (the newest usable plugin)").arg(name, version);
    else if (pin == name + u'@' + version)
        text = tr("Carrying the connection: %1 %2 (chosen by hand) · newer versions do not "
                  "take over")
                       .arg(name, version);
    else
        text = tr("Carrying the connection: %1 %2 · %3 chosen by hand")
                       .arg(name, version, TransportPluginModel::pinText(pin));
    m_carrier->setText(text);
}

void TransportsPanel::updateFolders()
{
    QStringList links;
    for (const QString &folder : m_controller->client()->transportFolders()) {
        const QString shown = QDir::toNativeSeparators(folder).toHtmlEscaped();
        links.append(QFileInfo(folder).isDir() ? u"<a href=\"%1\">%2</a>"_s.arg(
                             QUrl::fromLocalFile(folder).toString(QUrl::FullyEncoded), shown)
                                               : shown + u' ' + tr("(not created yet)"));
    }
    m_folders->setText(tr("Searched: %1").arg(links.join(u" · "_s)));
}

void TransportsPanel::requireSignaturesFrom(const QString &folder)
{
    m_controller->settings()->setTrustedKeysFolder(folder);
    updateSigning();
}

QString TransportsPanel::signingText() const
{
    return m_signing->text();
}

void TransportsPanel::chooseSigningFolder()
{
    const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Folder of trusted public keys (*.pem)"),
                    m_controller->settings()->trustedKeysFolder());
    if (!folder.isEmpty())
        requireSignaturesFrom(folder);
}

void TransportsPanel::updateSigning()
{
    const QString wanted = m_controller->settings()->trustedKeysFolder();
    const QString option = m_controller->settings()->trustedKeysOption();
    const QString running = m_controller->client()->config().trustedKeys;
    QString text = running.isEmpty()
            ? tr("Signatures are not required: any plugin you and root alone can change is used.")
            : tr("Only plugins signed by a key in %1 are used.")
                      .arg(QDir::toNativeSeparators(running));
    if (!option.isEmpty())
        text += u' '
                + (wanted.isEmpty()
                                ? tr("(--trusted-keys; without it, signatures are not required.)")
                                : tr("(--trusted-keys; without it, keys in %1.)")
                                          .arg(QDir::toNativeSeparators(wanted)));
    else if (wanted != running)
        text += u' '
                + (wanted.isEmpty() ? tr("From the next start, signatures are not required.")
                                    : tr("From the next start, only plugins signed by a key in "
                                         "%1.")
                                              .arg(QDir::toNativeSeparators(wanted)));
    m_signing->setText(text);
    m_acceptUnsigned->setEnabled(!wanted.isEmpty());
}

void TransportsPanel::useSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const TransportPluginInfo info = m_model->info(row);
    ChatClient *client = m_controller->client();
    if (client->useTransport(info.name, info.version.toString())) {
        m_message->setText(
                tr("%1 %2 will carry the connection.").arg(info.name, info.version.toString()));
    } else {
        m_message->setText(client->errorString());
    }
}

void TransportsPanel::useNewest()
{
    m_controller->client()->useNewestTransport();
    m_message->setText(tr("The newest usable plugin will carry the connection."));
}

void TransportsPanel::openSelectedFolder()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    QDesktopServices::openUrl(
            QUrl::fromLocalFile(QFileInfo(m_model->info(row).file).absolutePath()));
}

} // namespace longlink::ui
