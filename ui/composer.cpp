#include "composer.h"

#include <QtGui/QKeyEvent>
#include <QtGui/QTextBlock>
#include <QtGui/QTextDocument>

namespace longlink::ui {

Composer::Composer(QWidget *parent) : QPlainTextEdit(parent)
{
    setPlaceholderText(tr("Write a message… (Enter sends, Shift+Enter adds a line)"));
    setAccessibleName(tr("Message"));
    setAccessibleDescription(tr("Enter sends the message, Shift+Enter starts a new line."));
    setTabChangesFocus(true);
    setLineWrapMode(WidgetWidth);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(document(), &QTextDocument::contentsChanged, this, &Composer::updateHeight);
    updateHeight();
}

void Composer::setText(const QString &text)
{
    setPlainText(text);
    moveCursor(QTextCursor::End);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const auto modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (enter && modifiers == Qt::NoModifier) {
        const QString message = toPlainText();
        if (!message.trimmed().isEmpty())
            Q_EMIT submitted(message);
        event->accept();
        return;
    }
    if (enter && (modifiers & Qt::ShiftModifier)) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && modifiers == Qt::NoModifier)
        Q_EMIT cancelRequested(); // and on to the window (Esc closes search there)
    if (event->key() == Qt::Key_Up && modifiers == Qt::NoModifier && document()->isEmpty()) {
        Q_EMIT editLastRequested();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

QSize Composer::sizeHint() const
{
    const QFontMetrics fm(font());
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        lines += std::max(1, block.layout() ? block.layout()->lineCount() : 1);
    lines = std::clamp(lines, 1, kMaxLines);
    const int margins = int(document()->documentMargin() * 2) + frameWidth() * 2
            + contentsMargins().top() + contentsMargins().bottom();
    return QSize(QPlainTextEdit::sizeHint().width(), lines * fm.lineSpacing() + margins + 4);
}

QSize Composer::minimumSizeHint() const
{
    return sizeHint();
}

void Composer::updateHeight()
{
    setFixedHeight(sizeHint().height());
}

} // namespace longlink::ui
