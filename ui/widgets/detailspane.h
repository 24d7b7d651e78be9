#pragma once
// The selected log entry in full: its data pretty-printed with JSON colours (a JSON string is
// shown decoded, as pusher-js would hand it to a callback; local entries show their details
// object), the raw frame exactly as sent or received (optionally re-indented), and its metadata.
// An auth entry that carries a signature explanation also gets a Signature tab (the string to
// sign, expected and received signature, which part differs) and an "Explain signature" button.
// A channel event (or client event) also gets a "Listen for it" tab: the pusher-js and Laravel
// Echo code that would receive it (listenhint.h), as selectable plain text. Channel and client
// events also get a Contract tab (contractview.h): the payload contract they meet or break.

#include "logentry.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QToolButton;

namespace cs {
class LogStore;
}

namespace cs::ui {

class ContractView;
class JsonHighlighter;
class LogElidedLabel;
class SignatureView;

class DetailsPane : public QWidget {
    Q_OBJECT
public:
    // Texts longer than this are cut in the views (copy buttons still copy everything).
    static constexpr qsizetype kMaxShownChars = 2 * 1024 * 1024;

    explicit DetailsPane(QWidget *parent = nullptr);
    ~DetailsPane() override;

    void showEntry(const LogEntry &entry);
    void clear();
    bool hasEntry() const { return m_entry.has_value(); }
    std::optional<LogEntry> entry() const { return m_entry; }

    QString dataText() const;                           // what the Data tab shows
    QString dataNote() const;                           // "data was a JSON string; shown decoded", …
    QString rawText() const;                            // what the Raw tab shows
    QString metadataValue(const QString &field) const;  // "time", "direction", "kind", "connection",
                                                        // "channel", "event", "socket", "user",
                                                        // "bytes", "seq", "message"
    QString metadataText() const;                       // "field: value" lines, for copying

    bool isRawPretty() const;
    void setRawPretty(bool pretty);

    // The entry carries a signature explanation (its details' "explanation" object).
    bool hasSignature() const;
    SignatureView *signatureView() const { return m_signature; }
    QToolButton *explainSignatureButton() const { return m_explainButton; }

    // The "Listen for it" text; empty (and the tab hidden) unless the entry is a channel event.
    QString listenText() const;
    QPlainTextEdit *listenView() const { return m_listen; }
    int listenTabIndex() const { return m_listenTab; }

    // The log the shown entries come from: its contracts (ViolationIndex) fill the Contract tab,
    // which follows them when they change.
    void setLogStore(LogStore *store);
    ContractView *contractView() const { return m_contract; }
    int contractTabIndex() const { return m_contractTab; }

    QTabWidget *tabs() const { return m_tabs; }
    QPlainTextEdit *dataView() const { return m_data; }
    QPlainTextEdit *rawView() const { return m_raw; }
    JsonHighlighter *dataHighlighter() const { return m_dataHighlighter; }

public Q_SLOTS:
    // Shows the Signature tab (when the entry has an explanation).
    void showSignature();
    void copyData() const;
    void copyRaw() const;
    void copyMetadata() const;
    void copyListenHint() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void showRaw();
    void showExplanation(const LogEntry &entry);
    void showListenHint(const LogEntry &entry);
    void showContract();
    void tintExplainButton();
    void applyPalette();

    QTabWidget *m_tabs;
    QPlainTextEdit *m_data;
    QPlainTextEdit *m_raw;
    LogElidedLabel *m_dataNote;
    QCheckBox *m_rawPretty;
    QWidget *m_meta;
    QFormLayout *m_metaForm;
    QList<QPair<QString, QLabel *>> m_metaFields;
    JsonHighlighter *m_dataHighlighter;
    JsonHighlighter *m_rawHighlighter;
    SignatureView *m_signature;
    QToolButton *m_explainButton;
    QPlainTextEdit *m_listen;
    int m_signatureTab = -1;
    int m_listenTab = -1;
    ContractView *m_contract;
    int m_contractTab = -1;
    LogStore *m_store = nullptr;
    std::optional<LogEntry> m_entry;
    QString m_fullData;
    QString m_fullRaw;
};

}  // namespace cs::ui
