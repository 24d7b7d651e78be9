#pragma once
// GUI tests find the widgets they drive by object name, and say which one is missing.

#include <QWidget>

namespace cs::test {

template <typename T>
T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no child %s", name);
    return widget;
}

}  // namespace cs::test
