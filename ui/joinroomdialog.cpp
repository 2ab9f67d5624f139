#include "joinroomdialog.h"

#include "chattopics.h"

#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

namespace longlink::ui {

JoinRoomDialog::JoinRoomDialog(JoinFunction join, QWidget *parent)
    : QDialog(parent), m_join(std::move(join)), m_name(new QLineEdit(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Join a room"));
    setAccessibleName(tr("Join a room"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("Room &name:"), this);
    label->setBuddy(m_name);
    m_name->setAccessibleName(tr("Room name"));
    m_name->setPlaceholderText(tr("for example: lobby"));
    m_name->setMaxLength(128);
    m_problem->setAccessibleName(tr("Problem with the room name"));
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    m_problem->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Join"));
    layout->addWidget(label);
    layout->addWidget(m_name);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(360);
    connect(m_name, &QLineEdit::textChanged, this, &JoinRoomDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &JoinRoomDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &JoinRoomDialog::reject);
    validate();
}

QString JoinRoomDialog::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void JoinRoomDialog::validate()
{
    const QString name = m_name->text().trimmed();
    const bool valid = ChatTopics::isValidName(name);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    // Nothing typed is not a mistake yet.
    if (!valid && !name.isEmpty())
        showProblem(tr("Not a room name: %1.").arg(ChatTopics::nameRule()));
    else
        showProblem(QString());
}

void JoinRoomDialog::showProblem(const QString &problem)
{
    if (problem == m_problem->text() && m_problem->isHidden() == problem.isEmpty())
        return;
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    // The dialog grows with the wrapped lines instead of clipping them.
    adjustSize();
}

void JoinRoomDialog::accept()
{
    const QString room = m_name->text().trimmed();
    if (!ChatTopics::isValidName(room))
        return; // Enter with the button disabled: stay, the reason is shown
    QString error;
    if (!m_join(room, &error)) {
        showProblem(error);
        m_name->setFocus();
        m_name->selectAll();
        return;
    }
    Q_EMIT joined(room);
    QDialog::accept();
}

} // namespace longlink::ui
