#pragma once

#include <QtWidgets/QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace longlink::ui {

// The Ctrl+F bar above the messages: a field, "3 of 12", older / newer, close.
class SearchBar : public QWidget
{
    Q_OBJECT

public:
    explicit SearchBar(QWidget *parent = nullptr);

    QString text() const;
    void activate(); // show, focus, select the text
    void setResult(int current, int total, bool searching);
    QLineEdit *field() const { return m_field; }
    // Every room instead of the current one.
    bool allRooms() const;
    void setAllRooms(bool all);
    QCheckBox *allRoomsBox() const { return m_allRooms; }

Q_SIGNALS:
    void textChanged(const QString &text);
    void olderRequested();
    void newerRequested();
    void closed();
    void scopeChanged(bool allRooms);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLineEdit *m_field;
    QLabel *m_count;
    QCheckBox *m_allRooms;
    QToolButton *m_older;
    QToolButton *m_newer;
    QToolButton *m_close;
};

} // namespace longlink::ui
