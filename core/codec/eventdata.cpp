#include "eventdata.h"

namespace cs {

EventData EventData::fromFrame(const protocol::Frame &frame)
{
    EventData data;
    data.m_decoded = frame.dataDecoded;
    if (frame.dataDecoded)
        data.m_value = frame.data;
    else
        data.m_sentJson = frame.dataJson;
    return data;
}

QJsonValue EventData::value() const
{
    if (m_decoded)
        return m_value;
    protocol::Frame sent;
    sent.dataDecoded = false;
    sent.dataJson = m_sentJson;
    return protocol::decodedData(sent);
}

}  // namespace cs
