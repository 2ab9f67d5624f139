#pragma once

#include <QtCore/QMetaEnum>
#include <QtCore/QString>

#include <optional>

namespace longlink {

// The stable, machine-readable name of a Q_ENUM value: its key in
// kebab-case ("RolledBack" -> "rolled-back"). What the CLI prints and the
// store keeps; people see translated words instead.
QString kebabCase(const char *key);

template<typename Enum> QString enumName(Enum value)
{
    return kebabCase(QMetaEnum::fromType<Enum>().valueToKey(int(value)));
}

// The value whose enumName() is `name`, if any.
template<typename Enum> std::optional<Enum> enumFromName(const QString &name)
{
    const QMetaEnum meta = QMetaEnum::fromType<Enum>();
    for (int i = 0; i < meta.keyCount(); ++i) {
        if (kebabCase(meta.key(i)) == name)
            return Enum(meta.value(i));
    }
    return std::nullopt;
}

} // namespace longlink
