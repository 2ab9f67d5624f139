#pragma once

#include <QtWidgets/QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace longlink::ui {

// Asks for the name of a room to join. A name the topics cannot carry is
// explained as it is typed and cannot be submitted; a join that fails keeps
// the dialog open with the reason and what was typed, to correct it.
class JoinRoomDialog : public QDialog
{
    Q_OBJECT

public:
    // join: tries to join the room, or returns false and says why.
    using JoinFunction = std::function<bool(const QString &room, QString *error)>;

    explicit JoinRoomDialog(JoinFunction join, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QString problem() const;

    void accept() override;

Q_SIGNALS:
    void joined(const QString &room);

private:
    void validate();
    void showProblem(const QString &problem);

    JoinFunction m_join;
    QLineEdit *m_name;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace longlink::ui
