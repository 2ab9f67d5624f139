#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace longlink::test {

// Puts a plugin file into a watched folder the ways people and tools do.
class PluginDrop
{
public:
    enum class Style {
        CopyNew, // cp new.so folder/ (a new name)
        OverwriteInPlace, // cp new.so folder/loaded.so (same inode, truncated and rewritten)
        RenameOver, // write folder/.x.tmp, then rename over the loaded name (atomic save)
        DeleteThenCopy, // rm folder/loaded.so; cp new.so folder/loaded.so
        Install, // install -m 0755 new.so folder/loaded.so
        LinkerWrite, // written in place in several chunks with pauses, like a linker
    };
    static QList<Style> allStyles();
    static QString styleName(Style style);

    // A file's bytes (empty if it cannot be read).
    static QByteArray read(const QString &path);

    // The content of `plugin` with `trailer` appended: the same library, a
    // different hash (what a rebuild looks like to the host).
    static QByteArray rebuilt(const QString &plugin, const QByteArray &trailer);

    // Drops `content` as `folder`/`name` (or a new name for CopyNew), the way
    // `style` says. Returns the path the host will see, empty on failure.
    static QString drop(
            Style style, const QByteArray &content, const QString &folder, const QString &name);

    static QString fixture(const QString &name); // path of a built fixture plugin
};

} // namespace longlink::test
