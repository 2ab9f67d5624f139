#include "searchbar.h"

#include <QtGui/QKeyEvent>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>

namespace longlink::ui {

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent), m_field(new QLineEdit(this)), m_count(new QLabel(this)),
      m_allRooms(new QCheckBox(tr("&All rooms"), this)), m_older(new QToolButton(this)),
      m_newer(new QToolButton(this)), m_close(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_field->setPlaceholderText(tr("Search in this room"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("Search in this room"));
    m_count->setAccessibleName(tr("Search results"));
    m_older->setArrowType(Qt::UpArrow);
    m_older->setToolTip(tr("Older match (Enter)"));
    m_older->setAccessibleName(tr("Older match"));
    m_newer->setArrowType(Qt::DownArrow);
    m_newer->setToolTip(tr("Newer match (Shift+Enter)"));
    m_newer->setAccessibleName(tr("Newer match"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close search (Esc)"));
    m_close->setAccessibleName(tr("Close search"));
    m_allRooms->setToolTip(tr("Search every room, not only this one"));
    layout->addWidget(m_field, 1);
    layout->addWidget(m_allRooms);
    layout->addWidget(m_count);
    layout->addWidget(m_older);
    layout->addWidget(m_newer);
    layout->addWidget(m_close);
    connect(m_field, &QLineEdit::textChanged, this, &SearchBar::textChanged);
    connect(m_allRooms, &QCheckBox::toggled, this, [this](bool all) {
        const QString scope = all ? tr("Search in all rooms") : tr("Search in this room");
        m_field->setPlaceholderText(scope);
        m_field->setAccessibleName(scope);
        Q_EMIT scopeChanged(all);
    });
    connect(m_field, &QLineEdit::returnPressed, this, &SearchBar::olderRequested);
    connect(m_older, &QToolButton::clicked, this, &SearchBar::olderRequested);
    connect(m_newer, &QToolButton::clicked, this, &SearchBar::newerRequested);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    setResult(0, 0, false);
}

bool SearchBar::allRooms() const
{
    return m_allRooms->isChecked();
}

void SearchBar::setAllRooms(bool all)
{
    m_allRooms->setChecked(all);
}

QString SearchBar::text() const
{
    return m_field->text();
}

void SearchBar::activate()
{
    show();
    m_field->setFocus();
    m_field->selectAll();
}

void SearchBar::setResult(int current, int total, bool searching)
{
    if (m_field->text().isEmpty())
        m_count->clear();
    else if (total == 0)
        m_count->setText(searching ? tr("searching…") : tr("no matches"));
    else
        m_count->setText(tr("%1 of %2%3")
                                 .arg(current)
                                 .arg(total)
                                 .arg(searching ? QStringLiteral("+") : QString()));
    m_older->setEnabled(total > 0 && current < total);
    m_newer->setEnabled(total > 0 && current > 1);
}

void SearchBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        Q_EMIT closed();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            && (event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT newerRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace longlink::ui
