#pragma once

#include <QtWidgets/QPlainTextEdit>

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

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void submitted(const QString &text);
    // Esc: whoever put the composer in a reply or edit ends it.
    void cancelRequested();
    // Up with nothing written: edit the last own message.
    void editLastRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateHeight();
};

} // namespace longlink::ui
