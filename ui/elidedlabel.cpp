#include "elidedlabel.h"

#include <QtGui/QResizeEvent>

namespace longlink::ui {

ElidedLabel::ElidedLabel(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text)
{
    if (text == m_fullText)
        return;
    m_fullText = text;
    updateGeometry(); // its preferred width changed
    elide();
}

QSize ElidedLabel::sizeHint() const
{
    const QMargins margins = contentsMargins();
    // A pixel more than the rounded advance: elidedText() measures in
    // fractions and would elide a text given exactly its rounded width.
    return QSize(fontMetrics().horizontalAdvance(m_fullText) + 1 + margins.left() + margins.right()
                    + 2 * margin(),
            QLabel::sizeHint().height());
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QMargins margins = contentsMargins();
    const int few = fontMetrics().horizontalAdvance(m_fullText.left(6) + QChar(0x2026));
    return QSize(std::min(few, sizeHint().width()) + margins.left() + margins.right(),
            QLabel::minimumSizeHint().height());
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::elide()
{
    const QString shown
            = fontMetrics().elidedText(m_fullText, Qt::ElideRight, contentsRect().width());
    if (shown != text())
        setText(shown);
}

} // namespace longlink::ui
