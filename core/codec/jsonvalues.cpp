#include "jsonvalues.h"

#include <QLocale>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cs::protocol {

namespace {

// Qt keeps integers that fit in 64 bits exactly; everything else is a double.
bool holdsInteger(const QJsonValue &v) { return v.isDouble() && v.toVariant().typeId() == QMetaType::LongLong; }

// ECMAScript Number::toString for a finite double, so numbers read like JSON.stringify output.
QString jsDoubleText(double d)
{
    if (!std::isfinite(d))
        return QStringLiteral("null");  // JSON.stringify(Infinity) === "null"
    if (d == 0)
        return QStringLiteral("0");  // also -0
    // Shortest round-trip digits and the decimal exponent, e.g. "1.2345e+02".
    const QString sci = QString::number(std::fabs(d), 'e', QLocale::FloatingPointShortest);
    const qsizetype ePos = sci.indexOf(u'e');
    QString digits = sci.left(ePos).remove(u'.');
    while (digits.size() > 1 && digits.endsWith(u'0'))
        digits.chop(1);
    const int n = sci.mid(ePos + 1).toInt() + 1;  // value = 0.digits × 10^n
    const int k = int(digits.size());
    QString out = d < 0 ? QStringLiteral("-") : QString();
    if (k <= n && n <= 21)
        out += digits + QString(n - k, u'0');
    else if (0 < n && n <= 21)
        out += digits.left(n) + u'.' + digits.mid(n);
    else if (-6 < n && n <= 0)
        out += QStringLiteral("0.") + QString(-n, u'0') + digits;
    else {
        const int e = n - 1;
        out += digits.left(1);
        if (k > 1)
            out += u'.' + digits.mid(1);
        out += (e < 0 ? QStringLiteral("e-") : QStringLiteral("e+")) + QString::number(std::abs(e));
    }
    return out;
}

}  // namespace

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

QString numberText(const QJsonValue &v)
{
    return holdsInteger(v) ? QString::number(v.toInteger()) : jsDoubleText(v.toDouble());
}

std::optional<QString> idText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return numberText(v);
    return std::nullopt;
}

std::optional<qint64> integerOf(const QJsonValue &v)
{
    double d = std::numeric_limits<double>::quiet_NaN();
    if (v.isDouble()) {
        d = v.toDouble();
    } else if (v.isString()) {
        bool ok = false;
        d = v.toString().trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9.0e15)
        return std::nullopt;
    return qint64(d);
}

int clampToInt(qint64 v)
{
    return int(std::clamp<qint64>(v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

}  // namespace cs::protocol
