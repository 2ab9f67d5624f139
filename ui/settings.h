#pragma once

#include <QtCore/QObject>
#include <QtCore/QSettings>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <memory>

namespace longlink::ui {

// The GUI's remembered choices, typed, with a change signal each: no raw
// QSettings keys anywhere else. Passwords never come here (PasswordStore).
class Settings : public QObject
{
    Q_OBJECT

public:
    enum class Theme { System, Light, Dark };
    Q_ENUM(Theme)

    // The user's settings file (QSettings' native place for Longlink/longlink).
    explicit Settings(QObject *parent = nullptr);
    // An INI file of its own: scripted runs with --data-dir and tests.
    explicit Settings(const QString &iniFile, QObject *parent = nullptr);
    ~Settings() override;

    QUrl server() const;
    void setServer(const QUrl &server);
    // More addresses of the same service, raced with server().
    QList<QUrl> alternateServers() const;
    void setAlternateServers(const QList<QUrl> &servers);
    QString user() const;
    void setUser(const QString &user);
    // A remembered account is connected to at start without asking.
    bool hasAccount() const { return !user().isEmpty() && server().isValid(); }
    void forgetAccount();

    // "" follows the system locale; otherwise "en" or "zh_CN".
    QString language() const;
    void setLanguage(const QString &language);
    Theme theme() const;
    void setTheme(Theme theme);

    bool isMuted(const QString &room) const;
    void setMuted(const QString &room, bool muted);
    QStringList mutedRooms() const;
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    // The room list puts the latest active room first (else: by name).
    bool roomsByActivity() const;
    void setRoomsByActivity(bool byActivity);
    // A message that mentions you (@name) notifies even from a muted room.
    bool mentionsInMutedRooms() const;
    void setMentionsInMutedRooms(bool notify);
    // Closing the window leaves Longlink running in the tray (where there
    // is one) to keep receiving; Quit ends it.
    bool keepRunningInTray() const;
    void setKeepRunningInTray(bool keep);

    // Only plugins signed by a key in this folder are used (empty: any
    // trusted plugin); read when the app connects, like --trusted-keys.
    // TLS servers: the CA file to trust instead of the system's, and the
    // certificate fingerprints to accept (see --ca-file, --pin-sha256).
    QString caFile() const;
    void setCaFile(const QString &file);
    QStringList pinSha256() const;
    void setPinSha256(const QStringList &pins);

    QString trustedKeysFolder() const;
    void setTrustedKeysFolder(const QString &folder);
    // --trusted-keys of this run, which wins over the setting (not stored).
    QString trustedKeysOption() const { return m_trustedKeysOption; }
    void setTrustedKeysOption(const QString &folder) { m_trustedKeysOption = folder; }

    QString draft(const QString &room) const;
    void setDraft(const QString &room, const QString &text);
    QString lastRoom() const;
    void setLastRoom(const QString &room);
    bool membersVisible() const;
    void setMembersVisible(bool visible);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    void sync();

Q_SIGNALS:
    void serverChanged(const QUrl &server);
    void userChanged(const QString &user);
    void languageChanged(const QString &language);
    void themeChanged(longlink::ui::Settings::Theme theme);
    void mutedChanged(const QString &room, bool muted);
    void notificationsEnabledChanged(bool enabled);
    void trustedKeysFolderChanged(const QString &folder);
    void membersVisibleChanged(bool visible);
    void roomsByActivityChanged(bool byActivity);
    void mentionsInMutedRoomsChanged(bool notify);
    void keepRunningInTrayChanged(bool keep);

private:
    QVariant get(const QString &key, const QVariant &fallback = QVariant()) const;
    bool put(const QString &key, const QVariant &value); // true if it changed

    std::unique_ptr<QSettings> m_settings;
    QString m_trustedKeysOption;
};

} // namespace longlink::ui
