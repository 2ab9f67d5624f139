#pragma once

#include <QtWidgets/QWidget>

class QLabel;
class QToolButton;

namespace longlink::ui {

class ElidedLabel;

// Above the composer while it does more than write a new message: the
// message being answered (its sender and first line), or the own message
// being edited. Esc in the composer or the close button ends it.
class ComposerContextBar : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { None, Reply, Edit };

    explicit ComposerContextBar(QWidget *parent = nullptr);

    void showReply(const QString &messageId, const QString &sender, const QString &text);
    void showEdit(const QString &messageId, const QString &text);
    // Back to writing a new message (hides the bar).
    void clear();

    Mode mode() const { return m_mode; }
    // The message answered or edited; empty in Mode::None.
    QString messageId() const { return m_messageId; }
    QString title() const;
    QString quotedText() const;

Q_SIGNALS:
    void cancelled();

private:
    void show(Mode mode, const QString &messageId, const QString &title, const QString &text);

    QLabel *m_title;
    ElidedLabel *m_text;
    QToolButton *m_close;
    Mode m_mode = Mode::None;
    QString m_messageId;
};

} // namespace longlink::ui
