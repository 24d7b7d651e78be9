#include "endpointauthfields.h"

#include "authfield.h"
#include "flowlayout.h"
#include "profilefields.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {
constexpr int kMaxTimeoutSeconds = 120;
}  // namespace

// --- KeyValueRows ----------------------------------------------------------------------------------

KeyValueRows::KeyValueRows(Kind kind, const QString &prefix, QWidget *parent)
    : QWidget(parent),
      m_kind(kind),
      m_prefix(prefix)
{
    setObjectName(prefix + (kind == Kind::Headers ? QStringLiteral("Headers") : QStringLiteral("Params")));
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(2);
    column->addLayout(m_rowsLayout);

    const bool headers = kind == Kind::Headers;
    m_add = new QPushButton(headers ? tr("Add header") : tr("Add parameter"), this);
    m_add->setObjectName(prefix + (headers ? QStringLiteral("AddHeader") : QStringLiteral("AddParam")));
    m_add->setToolTip(
        headers ? tr("Another header for the request, e.g. Authorization: Bearer …, a Cookie or X-CSRF-Token")
                : tr("Another body parameter, sent after socket_id and channel_name as pusher-js sends its params"));
    auto *addLine = new QHBoxLayout;
    addLine->addWidget(m_add);
    addLine->addStretch();
    column->addLayout(addLine);
    connect(m_add, &QPushButton::clicked, this, [this] { addRow(); });
}

QString KeyValueRows::kindName() const
{
    return m_kind == Kind::Headers ? QStringLiteral("Header") : QStringLiteral("Param");
}

void KeyValueRows::setRows(const QList<QPair<QString, QString>> &rows)
{
    while (!m_rows.isEmpty())
        delete m_rows.takeLast().box;
    for (const auto &[name, value] : rows)
        addRow(name, value);
}

QList<QPair<QString, QString>> KeyValueRows::rows() const
{
    QList<QPair<QString, QString>> out;
    for (const Row &row : m_rows) {
        const QString name = row.name->text().trimmed();
        const QString value = row.value->text().trimmed();
        if (!name.isEmpty() || !value.isEmpty())
            out.append({name, value});
    }
    return out;
}

void KeyValueRows::addRow(const QString &name, const QString &value)
{
    const bool headers = m_kind == Kind::Headers;
    Row row;
    row.box = new QWidget(this);
    auto *line = new QHBoxLayout(row.box);
    line->setContentsMargins(0, 0, 0, 0);
    row.name = new QLineEdit(name, row.box);
    row.name->setPlaceholderText(headers ? QStringLiteral("Authorization") : tr("name"));
    row.name->setToolTip(headers ? tr("Header name, e.g. Authorization, Cookie, X-CSRF-Token") : tr("Parameter name"));
    // Masked like the secret: header values are bearer tokens, session cookies, CSRF tokens, and
    // parameter values may be just as secret (an API key, a signed nonce).
    auto *secret = new SecretLineEdit(QString(), QString(), row.box);
    secret->setToolTip(
        headers ? tr("Header value, kept like the secret (keychain) and masked in the log; never exported")
                : tr("Parameter value, kept like the secret (keychain) and masked in the log; never exported"));
    row.value = secret;
    row.value->setText(value);
    row.value->setPlaceholderText(headers ? QStringLiteral("Bearer …") : tr("value"));
    row.remove = new QToolButton(row.box);
    row.remove->setText(QStringLiteral("✕"));
    row.remove->setAutoRaise(true);
    row.remove->setToolTip(headers ? tr("Remove this header") : tr("Remove this parameter"));
    auto *separator = new QLabel(headers ? QStringLiteral(":") : QStringLiteral("="), row.box);
    line->addWidget(row.name, 2);
    line->addWidget(separator);
    line->addWidget(row.value, 3);
    line->addWidget(row.remove);
    m_rowsLayout->addWidget(row.box);
    m_rows.append(row);
    renumber();

    connect(row.name, &QLineEdit::textChanged, this, &KeyValueRows::edited);
    connect(row.value, &QLineEdit::textChanged, this, &KeyValueRows::edited);
    connect(row.remove, &QToolButton::clicked, this, [this, box = row.box] { removeRow(box); });
    if (name.isEmpty() && value.isEmpty())
        row.name->setFocus();
}

void KeyValueRows::removeRow(QWidget *box)
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).box != box)
            continue;
        const Row row = m_rows.takeAt(i);
        // Removing a row nobody typed into changes nothing the profile holds.
        const bool hadContent = !row.name->text().trimmed().isEmpty() || !row.value->text().trimmed().isEmpty();
        // Deleted later (its own button is still emitting); nameless now, so lookups find the live rows.
        for (QObject *child : row.box->findChildren<QObject *>())
            child->setObjectName(QString());
        row.box->hide();
        row.box->deleteLater();
        renumber();
        if (hadContent)
            Q_EMIT edited();
        return;
    }
}

void KeyValueRows::renumber()
{
    const QString kind = kindName();
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const QString n = QString::number(i);
        row.name->setObjectName(m_prefix + kind + QStringLiteral("Name") + n);
        row.value->setObjectName(m_prefix + kind + QStringLiteral("Value") + n);
        row.remove->setObjectName(m_prefix + QStringLiteral("Remove") + kind + n);
        if (auto *secret = qobject_cast<SecretLineEdit *>(row.value))
            secret->revealAction()->setObjectName(m_prefix + QStringLiteral("Reveal") + kind + n);
    }
}

// --- EndpointAuthFields ----------------------------------------------------------------------------

EndpointAuthFields::EndpointAuthFields(Purpose purpose, QWidget *parent) : QWidget(parent), m_purpose(purpose)
{
    const QString p = prefix();
    const bool channels = purpose == Purpose::Channels;
    setObjectName(p + QStringLiteral("Fields"));
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    auto *choice = new QWidget(this);
    auto *choiceColumn = new QVBoxLayout(choice);
    choiceColumn->setContentsMargins(0, 0, 0, 0);
    choiceColumn->setSpacing(1);
    m_builtIn = new QRadioButton(tr("Built-in signer"), choice);
    m_builtIn->setObjectName(p + QStringLiteral("BuiltIn"));
    m_builtIn->setToolTip(
        channels ? tr("Channelscope signs private, presence and encrypted subscriptions itself with the app secret")
                 : tr("Channelscope signs pusher:signin itself with the app secret and your presence user id"));
    m_endpoint = new QRadioButton(channels ? tr("My auth endpoint") : tr("My user-auth endpoint"), choice);
    m_endpoint->setObjectName(p + QStringLiteral("Endpoint"));
    m_endpoint->setToolTip(
        channels ? tr("Ask your app server, as pusher-js channelAuthorization does: your endpoint decides and signs")
                 : tr("Ask your app server, as pusher-js userAuthentication does: your endpoint says who you are"));
    auto *group = new QButtonGroup(choice);
    group->addButton(m_builtIn);
    group->addButton(m_endpoint);
    // A line of its own under the radio button: the radio's text stays short for a narrow dock.
    auto *promise = new MessageLabel(p + QStringLiteral("BuiltInHint"), choice);
    promise->setWordWrap(false);
    promise->setMessage(tr("The secret never leaves this machine."), Tone::Neutral);
    const int indent = style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth)
                       + style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing);
    promise->setContentsMargins(indent, 0, 0, 0);
    choiceColumn->addWidget(m_builtIn);
    choiceColumn->addWidget(promise);
    choiceColumn->addWidget(m_endpoint);
    m_form->addRow(channels ? tr("Channels") : tr("User sign-in"), withMessage(choice, field(AuthPart::Section)));

    m_url = new QLineEdit(this);
    m_url->setObjectName(p + QStringLiteral("Url"));
    m_url->setClearButtonEnabled(true);
    m_url->setPlaceholderText(channels ? QStringLiteral("https://example.com/pusher/auth")
                                       : QStringLiteral("https://example.com/pusher/user-auth"));
    m_url->setToolTip(
        (channels ? tr("Your channel authorization endpoint (pusher-js channelAuthorization.endpoint)")
                  : tr("Your user authentication endpoint (pusher-js userAuthentication.endpoint)"))
        + tr(". With user:pass@ or a query (?token=…) the URL is kept like the secret and exported without them"));
    QWidget *urlRow = withMessage(m_url, field(AuthPart::Url));
    m_form->addRow(tr("URL"), urlRow);

    auto *request = new QWidget(this);
    auto *requestLine = new FlowLayout(request, 4, 4);  // wraps in a narrow dock
    requestLine->setContentsMargins(0, 0, 0, 0);
    m_method = new QComboBox(request);
    m_method->setObjectName(p + QStringLiteral("Method"));
    m_method->addItems({QStringLiteral("POST"), QStringLiteral("GET")});
    m_method->setToolTip(tr("POST as pusher-js sends it; GET puts the parameters in the query string"));
    m_format = new QComboBox(request);
    m_format->setObjectName(p + QStringLiteral("Format"));
    m_format->addItem(tr("Form (as pusher-js)"), int(EndpointConfig::BodyFormat::Form));
    m_format->addItem(tr("JSON"), int(EndpointConfig::BodyFormat::Json));
    m_format->setToolTip(
        tr("Body format: application/x-www-form-urlencoded exactly as pusher-js sends it, or a JSON object"));
    auto *timeoutBox = new QWidget(request);  // the label stays with its spin box when the line wraps
    auto *timeoutLine = new QHBoxLayout(timeoutBox);
    timeoutLine->setContentsMargins(0, 0, 0, 0);
    m_timeout = new QSpinBox(timeoutBox);
    m_timeout->setObjectName(p + QStringLiteral("Timeout"));
    m_timeout->setRange(1, kMaxTimeoutSeconds);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long to wait for your endpoint before the subscription fails with a timeout"));
    timeoutLine->addWidget(new QLabel(tr("timeout"), timeoutBox));
    timeoutLine->addWidget(m_timeout);
    requestLine->addWidget(m_method);
    requestLine->addWidget(m_format);
    requestLine->addWidget(timeoutBox);
    QWidget *requestRow = withMessage(request, field(AuthPart::Method));
    m_form->addRow(tr("Request"), requestRow);

    m_params = new KeyValueRows(KeyValueRows::Kind::Params, p, this);
    QWidget *paramsRow = withMessage(m_params, field(AuthPart::Params));
    m_form->addRow(tr("Parameters"), paramsRow);
    m_headers = new KeyValueRows(KeyValueRows::Kind::Headers, p, this);
    QWidget *headersRow = withMessage(m_headers, field(AuthPart::Headers));
    m_form->addRow(tr("Headers"), headersRow);
    m_endpointRows = {urlRow, requestRow, paramsRow, headersRow};

    connect(m_builtIn, &QRadioButton::toggled, this, &EndpointAuthFields::onEdited);
    connect(m_url, &QLineEdit::textChanged, this, &EndpointAuthFields::onEdited);
    connect(m_method, &QComboBox::currentIndexChanged, this, &EndpointAuthFields::onEdited);
    connect(m_format, &QComboBox::currentIndexChanged, this, &EndpointAuthFields::onEdited);
    connect(m_timeout, &QSpinBox::valueChanged, this, &EndpointAuthFields::onEdited);
    connect(m_params, &KeyValueRows::edited, this, &EndpointAuthFields::onEdited);
    connect(m_headers, &KeyValueRows::edited, this, &EndpointAuthFields::onEdited);
    setSettings(AuthSettings::Mode::BuiltIn, EndpointConfig{});
}

QString EndpointAuthFields::prefix() const { return profileFieldName(field(AuthPart::Section)); }

ProfileField EndpointAuthFields::field(AuthPart part) const
{
    return profileField(authField(m_purpose == Purpose::SignIn, part));
}

QWidget *EndpointAuthFields::withMessage(QWidget *widget, ProfileField field)
{
    auto *box = new QWidget(this);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    widget->setParent(box);
    column->addWidget(widget);
    auto *message = new MessageLabel(profileFieldName(field) + QStringLiteral("Message"), box);
    column->addWidget(message);
    m_messages.insert(field, message);
    return box;
}

void EndpointAuthFields::setSettings(AuthSettings::Mode mode, const EndpointConfig &config)
{
    m_populating = true;
    (mode == AuthSettings::Mode::Endpoint ? m_endpoint : m_builtIn)->setChecked(true);
    m_url->setText(config.url.toString());
    const QString method = QString::fromLatin1(config.method).toUpper();
    if (m_method->findText(method) < 0)  // a stored method the list does not offer: shown, and refused by validate()
        m_method->addItem(method);
    m_method->setCurrentIndex(m_method->findText(method));
    m_format->setCurrentIndex(m_format->findData(int(config.format)));
    m_timeout->setValue(qBound(1, (config.timeoutMs + 999) / 1000, kMaxTimeoutSeconds));
    m_params->setRows(config.params);
    QList<QPair<QString, QString>> headers;
    for (const auto &[name, value] : config.headers)
        headers.append({QString::fromUtf8(name), QString::fromUtf8(value)});
    m_headers->setRows(headers);
    m_populating = false;
    updateVisibility();
}

AuthSettings::Mode EndpointAuthFields::mode() const
{
    return m_endpoint->isChecked() ? AuthSettings::Mode::Endpoint : AuthSettings::Mode::BuiltIn;
}

EndpointConfig EndpointAuthFields::config() const
{
    EndpointConfig c;
    c.url = QUrl(m_url->text().trimmed());
    c.method = m_method->currentText().toLatin1();
    c.format = EndpointConfig::BodyFormat(m_format->currentData().toInt());
    c.timeoutMs = m_timeout->value() * 1000;
    c.params = m_params->rows();
    for (const auto &[name, value] : m_headers->rows())
        c.headers.append({name.toUtf8(), value.toUtf8()});
    return c;
}

void EndpointAuthFields::onEdited()
{
    if (m_populating)
        return;
    updateVisibility();
    Q_EMIT edited();
}

void EndpointAuthFields::updateVisibility()
{
    const bool endpoint = mode() == AuthSettings::Mode::Endpoint;
    for (QWidget *row : std::as_const(m_endpointRows))
        m_form->setRowVisible(row, endpoint);
    // A GET carries the parameters in its query string: there is no body to format.
    const bool get = m_method->currentText() == u"GET";
    m_format->setEnabled(!get);
    m_format->setToolTip(
        get ? tr("A GET request has no body: the parameters go into the query string, form-encoded")
            : tr("Body format: application/x-www-form-urlencoded exactly as pusher-js sends it, or a JSON object"));
}

}  // namespace cs::ui
