#pragma once
// The log's filter line: the core's filter language typed into a QLineEdit, applied 250 ms after
// typing stops (or at once on Enter), with a valid/invalid indicator (tint, icon, tooltip with the
// parser's message, the wrong characters underlined) and quick kind toggles.
//
// The kind toggles edit the text, so that what is typed and what is shown never disagree: a
// toggle is checked when the text's kind: and -kind: terms let one of its kinds through
// (`kind:event` leaves only "event" checked), updated as the text is typed. Unchecking and
// checking edit those terms (kindterms.h).

#include "logfilter.h"

#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QToolButton;

namespace cs::ui {

class FilterBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultDebounceMs = 250;

    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    QLineEdit *lineEdit() const { return m_edit; }
    QString text() const;
    // Sets the text and applies it at once (no debounce).
    void setText(const QString &text);

    // The last filter that parsed; an invalid text leaves it in force.
    const LogFilter &filter() const { return m_filter; }
    bool isValid() const { return !m_error.has_value(); }
    std::optional<FilterError> error() const { return m_error; }

    void setDebounceMs(int ms);
    int debounceMs() const;

    // Quick kind toggles: ids "event", "client-event", "subscription", "presence", "connection",
    // "state" (state and timer), "auth" (auth and signin), "rest", "error".
    static QStringList kindGroupIds();
    static QStringList kindGroupKinds(const QString &id);
    QToolButton *kindToggle(const QString &id) const;
    bool isKindGroupShown(const QString &id) const;
    void setKindGroupShown(const QString &id, bool shown);  // edits the text and applies it

    // Pure text editing behind the toggles, public for tests and for "hide this kind" menus.
    static QStringList hiddenKinds(const QString &filterText);
    static QString withKindsShown(const QString &filterText, const QStringList &kinds, bool shown);

public Q_SLOTS:
    void applyNow();     // parse and apply the current text without waiting
    void focusFilter();  // focus the line and select its text

Q_SIGNALS:
    void filterChanged(const cs::LogFilter &filter);
    // valid == false: `message` says what is wrong (the previous filter stays in force).
    void validityChanged(bool valid, const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct KindGroup {
        QString id;
        QStringList kinds;
        QToolButton *button = nullptr;
    };

    void onTextEdited();
    void syncToggles();
    void showState();
    void underlineError();
    void clearUnderline();

    QLineEdit *m_edit;
    QLabel *m_status;
    QLabel *m_errorLabel;
    std::vector<KindGroup> m_groups;
    QTimer m_debounce;
    LogFilter m_filter;
    QString m_appliedText;
    bool m_everApplied = false;
    std::optional<FilterError> m_error;
    bool m_underlined = false;
};

}  // namespace cs::ui
