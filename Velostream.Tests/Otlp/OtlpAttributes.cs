using System.Globalization;
using Google.Protobuf.Collections;
using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>OTLP attribute lists as plain dictionaries, values rendered as invariant strings.</summary>
public static class OtlpAttributes
{
    public static IReadOnlyDictionary<string, string> ToDictionary(RepeatedField<KeyValue>? attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (attributes is not null)
        {
            foreach (var attribute in attributes)
            {
                result[attribute.Key] = Render(attribute.Value);
            }
        }
        return result;
    }

    public static string Render(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(",", value.ArrayValue.Values.Select(Render)) + "]",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span),
        _ => "",
    };
}
