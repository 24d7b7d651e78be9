#pragma once
// The Authorization pieces of the profile editor: for channels or, separately, for user sign-in,
// the built-in signer or the user's own auth endpoint (URL, method, body format, timeout, extra
// parameters and headers). Header values are masked like the secret, each with its own eye
// toggle, so that a screenshot or a shared screen does not leak a token.
//
// objectNames, with <p> = "channelAuth" or "userAuth": <p>BuiltIn and <p>Endpoint (radio
// buttons), <p>Url, <p>Method, <p>Format, <p>Timeout, <p>Params and <p>Headers (row lists),
// <p>AddParam, <p>AddHeader; in the rows (i from 0): <p>ParamName<i>, <p>ParamValue<i>,
// <p>RemoveParam<i>, <p>HeaderName<i>, <p>HeaderValue<i> (with the action <p>RevealHeader<i>),
// <p>RemoveHeader<i>; messages <p>Message, <p>UrlMessage, <p>MethodMessage, <p>ParamsMessage,
// <p>HeadersMessage (the field names of Profile::validate()).

#include "authsettings.h"
#include "profilefield.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace cs::ui {

class MessageLabel;

// A list of name/value rows with an Add button: extra parameters ("key = value") or headers
// ("Name: value", the value masked).
class KeyValueRows : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Params, Headers };

    // `prefix` starts the objectNames ("channelAuth" gives channelAuthHeaderName0…).
    KeyValueRows(Kind kind, const QString &prefix, QWidget *parent = nullptr);

    void setRows(const QList<QPair<QString, QString>> &rows);
    // Rows in order, names and values trimmed; rows left entirely empty are not counted.
    QList<QPair<QString, QString>> rows() const;
    int rowCount() const { return int(m_rows.size()); }
    // A new row (focused when empty: the user is about to type).
    void addRow(const QString &name = {}, const QString &value = {});

Q_SIGNALS:
    void edited();

private:
    struct Row {
        QWidget *box = nullptr;
        QLineEdit *name = nullptr;
        QLineEdit *value = nullptr;
        QToolButton *remove = nullptr;
    };
    void removeRow(QWidget *box);
    void renumber();           // objectNames follow the position after a removal
    QString kindName() const;  // "Param", "Header"

    Kind m_kind;
    QString m_prefix;
    QVBoxLayout *m_rowsLayout;
    QPushButton *m_add;
    QList<Row> m_rows;
};

// One purpose's choice: the built-in signer or an endpoint, with the endpoint's fields shown only
// when it is chosen.
class EndpointAuthFields : public QWidget {
    Q_OBJECT
public:
    enum class Purpose { Channels, SignIn };

    explicit EndpointAuthFields(Purpose purpose, QWidget *parent = nullptr);

    QString prefix() const;  // "channelAuth", "userAuth"
    void setSettings(AuthSettings::Mode mode, const EndpointConfig &config);
    AuthSettings::Mode mode() const;
    EndpointConfig config() const;  // what the fields say now (kept even in built-in mode)
    // The inline message under each field, by the field Profile::validate() reports under.
    QMap<ProfileField, MessageLabel *> messageLabels() const { return m_messages; }

Q_SIGNALS:
    void edited();

private:
    ProfileField field(AuthPart part) const;  // this section's part
    QWidget *withMessage(QWidget *widget, ProfileField field);
    void onEdited();
    void updateVisibility();

    Purpose m_purpose;
    bool m_populating = false;
    QMap<ProfileField, MessageLabel *> m_messages;
    QFormLayout *m_form = nullptr;
    QRadioButton *m_builtIn = nullptr;
    QRadioButton *m_endpoint = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_method = nullptr;
    QComboBox *m_format = nullptr;
    QSpinBox *m_timeout = nullptr;
    KeyValueRows *m_params = nullptr;
    KeyValueRows *m_headers = nullptr;
    QList<QWidget *> m_endpointRows;
};

}  // namespace cs::ui
