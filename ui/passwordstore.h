#pragma once

#include <QtCore/QObject>
#include <QtCore/QUrl>

#include <functional>
#include <optional>

namespace longlink::ui {

// Passwords in the system keychain (QtKeychain: Secret Service, KWallet,
// macOS Keychain, Windows Credential Store), never in settings or logs.
// Every call is asynchronous and ends with its callback, at the latest
// after a timeout: a keychain that does not answer must not block a start.
class PasswordStore : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTimeoutMs = 5000;

    explicit PasswordStore(QObject *parent = nullptr);

    static QString keyFor(const QUrl &server, const QString &user);

    using ReadDone = std::function<void(std::optional<QByteArray> password, const QString &error)>;
    using WriteDone = std::function<void(bool ok, const QString &error)>;
    void read(const QString &key, ReadDone done);
    void write(const QString &key, const QByteArray &password, WriteDone done = {});
    void remove(const QString &key);
};

} // namespace longlink::ui
