#include "settings.h"

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
// Room names become settings keys; '/' would make a group of them.
QString roomKey(const QString &prefix, const QString &room)
{
    return prefix + QString::fromLatin1(room.toUtf8().toHex());
}
} // namespace

Settings::Settings(QObject *parent) : QObject(parent), m_settings(std::make_unique<QSettings>()) { }

Settings::Settings(const QString &iniFile, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

Settings::~Settings()
{
    m_settings->sync();
}

QVariant Settings::get(const QString &key, const QVariant &fallback) const
{
    return m_settings->value(key, fallback);
}

bool Settings::put(const QString &key, const QVariant &value)
{
    if (m_settings->contains(key) && m_settings->value(key) == value)
        return false;
    if (value.isNull())
        m_settings->remove(key);
    else
        m_settings->setValue(key, value);
    return true;
}

QUrl Settings::server() const
{
    return QUrl(get(u"account/server"_s).toString());
}

void Settings::setServer(const QUrl &server)
{
    if (put(u"account/server"_s, server.toString()))
        Q_EMIT serverChanged(server);
}

QList<QUrl> Settings::alternateServers() const
{
    QList<QUrl> servers;
    for (const QString &text : get(u"account/alternateServers"_s).toStringList())
        servers.append(QUrl(text));
    return servers;
}

void Settings::setAlternateServers(const QList<QUrl> &servers)
{
    QStringList texts;
    for (const QUrl &url : servers)
        texts.append(url.toString());
    put(u"account/alternateServers"_s, texts.isEmpty() ? QVariant() : QVariant(texts));
}

QString Settings::user() const
{
    return get(u"account/user"_s).toString();
}

void Settings::setUser(const QString &user)
{
    if (put(u"account/user"_s, user))
        Q_EMIT userChanged(user);
}

void Settings::forgetAccount()
{
    setUser(QString());
}

QString Settings::language() const
{
    return get(u"ui/language"_s).toString();
}

void Settings::setLanguage(const QString &language)
{
    if (put(u"ui/language"_s, language))
        Q_EMIT languageChanged(language);
}

Settings::Theme Settings::theme() const
{
    const QString value = get(u"ui/theme"_s).toString();
    if (value == u"light")
        return Theme::Light;
    if (value == u"dark")
        return Theme::Dark;
    return Theme::System;
}

void Settings::setTheme(Theme theme)
{
    const QString value = theme == Theme::Light ? u"light"_s
            : theme == Theme::Dark              ? u"dark"_s
                                                : u"system"_s;
    if (put(u"ui/theme"_s, value))
        Q_EMIT themeChanged(theme);
}

bool Settings::isMuted(const QString &room) const
{
    return mutedRooms().contains(room);
}

void Settings::setMuted(const QString &room, bool muted)
{
    QStringList rooms = mutedRooms();
    if (muted == rooms.contains(room))
        return;
    if (muted)
        rooms.append(room);
    else
        rooms.removeAll(room);
    put(u"notifications/muted"_s, rooms);
    Q_EMIT mutedChanged(room, muted);
}

QStringList Settings::mutedRooms() const
{
    return get(u"notifications/muted"_s).toStringList();
}

bool Settings::notificationsEnabled() const
{
    return get(u"notifications/enabled"_s, true).toBool();
}

void Settings::setNotificationsEnabled(bool enabled)
{
    if (put(u"notifications/enabled"_s, enabled))
        Q_EMIT notificationsEnabledChanged(enabled);
}

bool Settings::roomsByActivity() const
{
    return get(u"rooms/byActivity"_s, true).toBool();
}

void Settings::setRoomsByActivity(bool byActivity)
{
    if (put(u"rooms/byActivity"_s, byActivity))
        Q_EMIT roomsByActivityChanged(byActivity);
}

bool Settings::mentionsInMutedRooms() const
{
    return get(u"notifications/mentionsInMutedRooms"_s, true).toBool();
}

void Settings::setMentionsInMutedRooms(bool notify)
{
    if (put(u"notifications/mentionsInMutedRooms"_s, notify))
        Q_EMIT mentionsInMutedRoomsChanged(notify);
}

bool Settings::keepRunningInTray() const
{
    return get(u"window/keepRunningInTray"_s, true).toBool();
}

void Settings::setKeepRunningInTray(bool keep)
{
    if (put(u"window/keepRunningInTray"_s, keep))
        Q_EMIT keepRunningInTrayChanged(keep);
}

QString Settings::caFile() const
{
    return get(u"tls/caFile"_s).toString();
}

void Settings::setCaFile(const QString &file)
{
    put(u"tls/caFile"_s, file.isEmpty() ? QVariant() : QVariant(file));
}

QStringList Settings::pinSha256() const
{
    return get(u"tls/pinSha256"_s).toStringList();
}

void Settings::setPinSha256(const QStringList &pins)
{
    put(u"tls/pinSha256"_s, pins.isEmpty() ? QVariant() : QVariant(pins));
}

QString Settings::trustedKeysFolder() const
{
    return get(u"security/trustedKeys"_s).toString();
}

void Settings::setTrustedKeysFolder(const QString &folder)
{
    if (put(u"security/trustedKeys"_s, folder))
        Q_EMIT trustedKeysFolderChanged(folder);
}

QString Settings::draft(const QString &room) const
{
    return get(roomKey(u"drafts/"_s, room)).toString();
}

void Settings::setDraft(const QString &room, const QString &text)
{
    put(roomKey(u"drafts/"_s, room), text.isEmpty() ? QVariant() : QVariant(text));
}

QString Settings::lastRoom() const
{
    return get(u"ui/lastRoom"_s).toString();
}

void Settings::setLastRoom(const QString &room)
{
    put(u"ui/lastRoom"_s, room);
}

bool Settings::membersVisible() const
{
    return get(u"ui/membersVisible"_s, true).toBool();
}

void Settings::setMembersVisible(bool visible)
{
    if (put(u"ui/membersVisible"_s, visible))
        Q_EMIT membersVisibleChanged(visible);
}

QByteArray Settings::windowGeometry() const
{
    return get(u"ui/geometry"_s).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    put(u"ui/geometry"_s, geometry);
}

QByteArray Settings::windowState() const
{
    return get(u"ui/windowState"_s).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    put(u"ui/windowState"_s, state);
}

void Settings::sync()
{
    m_settings->sync();
}

} // namespace longlink::ui
