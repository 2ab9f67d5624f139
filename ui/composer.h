#pragma once

#include <QtWidgets/QPlainTextEdit>

class QCompleter;
class QStringListModel;

namespace longlink::ui {

// Where a message is written. Enter sends, Shift+Enter starts a new line;
// grows with its text up to a few lines. Works the same offline: what is
// sent waits in the outbox.
class Composer : public QPlainTextEdit
{
    Q_OBJECT

public:
    static constexpr int kMaxLines = 8;

    explicit Composer(QWidget *parent = nullptr);

    QString text() const { return toPlainText(); }
    void setText(const QString &text);
    // Names offered after '@' (the room's members): typing "@bo" lists the
    // ones that start so; Enter or Tab puts "@bob " in.
    void setMentionNames(const QStringList &names);
    QCompleter *mentionCompleter() const { return m_completer; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void submitted(const QString &text);
    // Esc: whoever put the composer in a reply or edit ends it.
    void cancelRequested();
    // Up with nothing written: edit the last own message.
    void editLastRequested();
    // The person changed the text with a key (not setText()): typing, or
    // clearing it (`empty`).
    void typed(bool empty);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateHeight();
    void updateCompletion();
    void insertMention(const QString &name);

    QCompleter *m_completer;
    QStringListModel *m_names;
};

} // namespace longlink::ui
