#pragma once

#include <QtCore/QLocale>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>

class QTranslator;

namespace longlink::ui {

// The translations shipped in the program (English, Simplified Chinese)
// and Qt's own, installed for the system locale or a chosen language.
class Languages
{
public:
    Languages();
    ~Languages();

    // "" follows the system locale. Returns the locale in use.
    QLocale install(const QString &language);
    // Language codes we ship, and a name for each in its own language.
    static QStringList available();
    static QString nativeName(const QString &language);

private:
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace longlink::ui
