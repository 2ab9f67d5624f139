#include "passwordstore.h"

#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
const QString kService = u"Longlink"_s;

// Calls `done` once: from the job or from the timeout, whichever comes first.
template<typename Done> auto once(Done done)
{
    return std::make_shared<std::optional<Done>>(std::move(done));
}
} // namespace

PasswordStore::PasswordStore(QObject *parent) : QObject(parent) { }

QString PasswordStore::keyFor(const QUrl &server, const QString &user)
{
    return user + u'@' + server.host() + u':' + QString::number(server.port(1883));
}

void PasswordStore::read(const QString &key, ReadDone done)
{
    auto pending = once(std::move(done));
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // a password file in plain text is what we avoid
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [pending](QKeychain::Job *finished) {
        if (!*pending)
            return;
        auto callback = std::move(**pending);
        pending->reset();
        auto *reader = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (reader->error() == QKeychain::NoError)
            callback(reader->binaryData(), QString());
        else if (reader->error() == QKeychain::EntryNotFound)
            callback(std::nullopt, QString());
        else
            callback(std::nullopt, reader->errorString());
    });
    QTimer::singleShot(kTimeoutMs, this, [pending] {
        if (!*pending)
            return;
        auto callback = std::move(**pending);
        pending->reset();
        callback(std::nullopt, tr("the system keychain did not answer"));
    });
    job->start();
}

void PasswordStore::write(const QString &key, const QByteArray &password, WriteDone done)
{
    auto pending = once(std::move(done));
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(password);
    connect(job, &QKeychain::Job::finished, this, [pending](QKeychain::Job *finished) {
        if (!*pending)
            return;
        auto callback = std::move(**pending);
        pending->reset();
        if (callback)
            callback(finished->error() == QKeychain::NoError, finished->errorString());
    });
    QTimer::singleShot(kTimeoutMs, this, [pending] {
        if (!*pending)
            return;
        auto callback = std::move(**pending);
        pending->reset();
        if (callback)
            callback(false, tr("the system keychain did not answer"));
    });
    job->start();
}

void PasswordStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->start();
}

} // namespace longlink::ui
