#include "composercontextbar.h"

#include "elidedlabel.h"

#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

namespace longlink::ui {

ComposerContextBar::ComposerContextBar(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_text(new ElidedLabel(this)),
      m_close(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 4, 10, 0);
    auto *lines = new QVBoxLayout;
    lines->setSpacing(0);
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    lines->addWidget(m_title);
    lines->addWidget(m_text);
    layout->addLayout(lines, 1);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Cancel (Esc)"));
    m_close->setAccessibleName(tr("Cancel reply"));
    connect(m_close, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT cancelled();
    });
    layout->addWidget(m_close, 0, Qt::AlignVCenter);
    setAccessibleName(tr("Reply or edit"));
    hide();
}

void ComposerContextBar::showReply(
        const QString &messageId, const QString &sender, const QString &text)
{
    show(Mode::Reply, messageId, tr("Replying to %1").arg(sender), text);
    m_close->setAccessibleName(tr("Cancel reply"));
}

void ComposerContextBar::showEdit(const QString &messageId, const QString &text)
{
    show(Mode::Edit, messageId, tr("Editing your message"), text);
    m_close->setAccessibleName(tr("Cancel editing"));
}

void ComposerContextBar::show(
        Mode mode, const QString &messageId, const QString &title, const QString &text)
{
    m_mode = mode;
    m_messageId = messageId;
    m_title->setText(title);
    const QString line = text.simplified();
    m_text->setFullText(line);
    m_text->setToolTip(line);
    setAccessibleDescription(title + QLatin1String(": ") + line);
    setVisible(true);
}

void ComposerContextBar::clear()
{
    m_mode = Mode::None;
    m_messageId.clear();
    setVisible(false);
}

QString ComposerContextBar::title() const
{
    return m_title->text();
}

QString ComposerContextBar::quotedText() const
{
    return m_text->fullText();
}

} // namespace longlink::ui
