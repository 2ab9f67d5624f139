#include "composer.h"

#include "mentions.h"

#include <QtCore/QStringListModel>
#include <QtGui/QKeyEvent>
#include <QtGui/QTextBlock>
#include <QtGui/QTextDocument>
#include <QtWidgets/QAbstractItemView>
#include <QtWidgets/QCompleter>
#include <QtWidgets/QScrollBar>

namespace longlink::ui {

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent), m_completer(new QCompleter(this)), m_names(new QStringListModel(this))
{
    m_completer->setModel(m_names);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    m_completer->popup()->setAccessibleName(tr("People to mention"));
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &Composer::insertMention);
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

void Composer::setMentionNames(const QStringList &names)
{
    if (m_names->stringList() != names)
        m_names->setStringList(names);
}

void Composer::updateCompletion()
{
    const auto typed = Mentions::typedAt(toPlainText(), textCursor().position());
    if (!typed || m_names->rowCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    if (typed->name != m_completer->completionPrefix())
        m_completer->setCompletionPrefix(typed->name);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect at = cursorRect();
    at.setWidth(m_completer->popup()->sizeHintForColumn(0)
            + m_completer->popup()->verticalScrollBar()->sizeHint().width() + 8);
    m_completer->complete(at);
}

void Composer::insertMention(const QString &name)
{
    const auto typed = Mentions::typedAt(toPlainText(), textCursor().position());
    if (!typed)
        return;
    QTextCursor cursor = textCursor();
    cursor.setPosition(typed->start);
    cursor.setPosition(typed->start + typed->length, QTextCursor::KeepAnchor);
    cursor.insertText(u'@' + name + u' ');
    setTextCursor(cursor);
    m_completer->popup()->hide();
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const auto modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (m_completer->popup()->isVisible()) {
        // The list takes these (QCompleter watches its popup's keys).
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore();
            return;
        default:
            break;
        }
    }
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
    const int revision = document()->revision();
    QPlainTextEdit::keyPressEvent(event);
    if (document()->revision() != revision)
        Q_EMIT typed(document()->isEmpty());
    if (!event->text().isEmpty() || event->key() == Qt::Key_Backspace
            || event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)
        updateCompletion();
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
