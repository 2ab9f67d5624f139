#include "singleinstance.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QLocalSocket>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
constexpr int kAnswerMs = 1500;
const QByteArray kRaise = "raise\n";
} // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent) : QObject(parent)
{
    // Socket names are short and global: a hash of the folder names it.
    const QByteArray hash = QCryptographicHash::hash(
            QDir(dataDir).absolutePath().toUtf8(), QCryptographicHash::Sha256)
                                    .toHex()
                                    .left(16);
    m_name = u"longlink-"_s + QString::fromLatin1(hash);
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::askRunningToRaise()
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(kAnswerMs))
        return false;
    socket.write(kRaise);
    socket.waitForBytesWritten(kAnswerMs);
    return socket.waitForReadyRead(kAnswerMs) && socket.readAll().startsWith("ok");
}

void SingleInstance::listen()
{
    if (m_server)
        return;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // A server left by a crashed run would make listen() fail.
    QLocalServer::removeServer(m_name);
    if (!m_server->listen(m_name))
        return;
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (socket->readAll().startsWith(kRaise.trimmed())) {
                    socket->write("ok\n");
                    socket->flush();
                    Q_EMIT raiseRequested();
                }
            });
        }
    });
}

} // namespace longlink::ui
