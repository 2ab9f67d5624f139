#include "languages.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLibraryInfo>
#include <QtCore/QTranslator>

using namespace Qt::StringLiterals;

namespace longlink::ui {

Languages::Languages() = default;

Languages::~Languages()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
}

QStringList Languages::available()
{
    return { u"en"_s, u"zh_CN"_s };
}

QString Languages::nativeName(const QString &language)
{
    if (language == u"zh_CN")
        return u"简体中文"_s;
    return u"English"_s;
}

QLocale Languages::install(const QString &language)
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    m_app = std::make_unique<QTranslator>();
    // English is the source language; a locale we don't ship falls back to it.
    if (m_app->load(locale, u"longlink"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(m_app.get());
    m_qt = std::make_unique<QTranslator>();
    if (m_qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qt.get());
    return locale;
}

} // namespace longlink::ui
