#include "plugindrop.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QThread>
#include <QtCore/QUuid>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace longlink::test {

QList<PluginDrop::Style> PluginDrop::allStyles()
{
    return { Style::CopyNew, Style::OverwriteInPlace, Style::RenameOver, Style::DeleteThenCopy,
        Style::Install, Style::LinkerWrite };
}

QString PluginDrop::styleName(Style style)
{
    switch (style) {
    case Style::CopyNew:
        return u"copy a new file"_s;
    case Style::OverwriteInPlace:
        return u"cp over in place"_s;
    case Style::RenameOver:
        return u"write temp then rename"_s;
    case Style::DeleteThenCopy:
        return u"delete then copy"_s;
    case Style::Install:
        return u"install"_s;
    case Style::LinkerWrite:
        return u"linker writes in place"_s;
    }
    return QString();
}

QString PluginDrop::fixture(const QString &name)
{
    return QStringLiteral(LONGLINK_TEST_PLUGINS) + u'/' + name + u"/liblonglink-fixture-"_s + name
            + u".so"_s;
}

QByteArray PluginDrop::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray PluginDrop::rebuilt(const QString &plugin, const QByteArray &trailer)
{
    const QByteArray content = read(plugin);
    // Bytes after the section headers are ignored by the loader.
    return content.isEmpty() ? content : content + trailer;
}

namespace {
bool writeAll(const QString &path, const QByteArray &content, QIODevice::OpenMode mode)
{
    QFile file(path);
    if (!file.open(mode))
        return false;
    const bool ok = file.write(content) == content.size();
    file.close();
    QFile::setPermissions(path,
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                    | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    return ok;
}
} // namespace

QString PluginDrop::drop(
        Style style, const QByteArray &content, const QString &folder, const QString &name)
{
    const QString target = folder + u'/' + name;
    switch (style) {
    case Style::CopyNew: {
        const QString fresh = folder + u"/liblonglink-"_s
                + QUuid::createUuid().toString(QUuid::Id128).left(8) + u".so"_s;
        return writeAll(fresh, content, QIODevice::WriteOnly) ? fresh : QString();
    }
    case Style::OverwriteInPlace:
        return writeAll(target, content, QIODevice::WriteOnly | QIODevice::Truncate) ? target
                                                                                     : QString();
    case Style::RenameOver: {
        // A dot file without a library suffix: hosts must ignore it.
        const QString temp = folder + u"/."_s + name + u".tmp"_s;
        if (!writeAll(temp, content, QIODevice::WriteOnly))
            return QString();
        ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData());
        return target;
    }
    case Style::DeleteThenCopy:
        QFile::remove(target);
        QTest::qWait(30); // the folder is without the file for a moment
        return writeAll(target, content, QIODevice::WriteOnly) ? target : QString();
    case Style::Install: {
        const QString source = QDir::tempPath() + u"/longlink-install-"_s
                + QUuid::createUuid().toString(QUuid::Id128).left(8) + u".so"_s;
        if (!writeAll(source, content, QIODevice::WriteOnly))
            return QString();
        const int code = QProcess::execute(u"install"_s, { u"-m"_s, u"0755"_s, source, target });
        QFile::remove(source);
        return code == 0 ? target : QString();
    }
    case Style::LinkerWrite: {
        QFile file(target);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        const qsizetype chunk = content.size() / 4 + 1;
        for (qsizetype offset = 0; offset < content.size(); offset += chunk) {
            file.write(content.mid(offset, chunk));
            file.flush();
            QTest::qWait(20); // still growing: must not be loaded half-written
        }
        file.close();
        return target;
    }
    }
    return QString();
}

} // namespace longlink::test
