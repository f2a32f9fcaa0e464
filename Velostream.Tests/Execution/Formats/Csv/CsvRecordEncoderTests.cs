using System.Text;
using Velostream.Engine.Execution.Formats.Csv;
using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Formats.Csv;

public sealed class CsvRecordEncoderTests
{
    [Fact]
    public void Writes_a_header_and_quotes_only_when_needed()
    {
        var encoder = new CsvRecordEncoder(["symbol", "price", "note", "ts"]);
        Assert.Equal("symbol,price,note,ts", Encoding.UTF8.GetString(encoder.Header));
        var line = encoder.Encode([SqlValue.FromString("A,B"), SqlValue.FromDecimal(2.50m), SqlValue.Null, SqlValue.FromTimestamp(0)]);
        Assert.Equal("\"A,B\",2.50,,1970-01-01T00:00:00.000Z", Encoding.UTF8.GetString(line));
        Assert.Equal("\"say \"\"hi\"\"\",1,true,", Encoding.UTF8.GetString(
            encoder.Encode([SqlValue.FromString("say \"hi\""), SqlValue.FromLong(1), SqlValue.True, SqlValue.Null])));
    }
}
