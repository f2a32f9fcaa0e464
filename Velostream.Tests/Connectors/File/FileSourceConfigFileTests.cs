using Velostream.Engine.Sql;
using Velostream.Tests.Support;

namespace Velostream.Tests.Connectors.File;

/// <summary>A file source whose path and format come from its config_file YAML, in Velostream's configuration schema.</summary>
public sealed class FileSourceConfigFileTests
{
    private const string Rates = "pair,rate\nEURUSD,1.08\nGBPUSD,1.27\nUSDJPY,151.2\n";

    private static string App(string type, string configFile) => $"""
        -- @app: fx
        CREATE STREAM strong AS
        SELECT pair, rate FROM rates WHERE rate > 1.1
        WITH ('rates.type' = '{type}', 'rates.config_file' = '{configFile}',
              'strong.type' = 'file_sink', 'strong.path' = 'out/strong.jsonl');
        """;

    [Theory]
    [InlineData("file:\n  path: ../data/rates.csv\n  format: csv\n")]
    [InlineData("data_source:\n  type: file\n  format: csv\n  path: ../data/rates.csv\nschema:\n  fields:\n    - name: pair\n      type: string\n")]
    [InlineData("source:\n  path: ../data/rates.csv\nformat: csv\n")]
    public void Reads_the_path_and_format_the_yaml_gives(string yaml)
    {
        using var dir = new TempFolder();
        dir.Write("data/rates.csv", Rates);
        dir.Write("configs/rates.yaml", yaml);
        var sql = dir.Write("apps/fx.sql", App("file_source", "../configs/rates.yaml"));

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"pair\":\"GBPUSD\",\"rate\":1.27}\n{\"pair\":\"USDJPY\",\"rate\":151.2}\n", dir.Read("apps/out/strong.jsonl"));
    }

    [Fact]
    public void Extends_supplies_defaults_and_the_file_source_mmap_type_reads_like_a_file_source()
    {
        using var dir = new TempFolder();
        dir.Write("data/rates.csv", Rates);
        dir.Write("configs/base.yaml", "data_source:\n  format: csv\n");
        dir.Write("configs/rates.yaml", "extends: base.yaml\nfile:\n  path: ../data/rates.csv\n");
        var sql = dir.Write("apps/fx.sql", App("file_source_mmap", "../configs/rates.yaml"));

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"pair\":\"GBPUSD\",\"rate\":1.27}\n{\"pair\":\"USDJPY\",\"rate\":151.2}\n", dir.Read("apps/out/strong.jsonl"));
    }

    [Fact]
    public void A_missing_config_file_is_an_error_at_its_value()
    {
        using var dir = new TempFolder();
        var sql = dir.Write("apps/fx.sql", App("file_source", "../configs/none.yaml"));

        var result = SqlFrontEnd.Check(System.IO.File.ReadAllText(sql), sql);

        Assert.Collection(result.Diagnostics,
            d => Assert.Equal("file_source 'rates' requires 'rates.path' ('rates.config_file' does not supply it)", d.Message),
            d =>
            {
                Assert.Equal((4, 59), (d.Location.Line, d.Location.Column));
                Assert.Contains("cannot read config file", d.Message, StringComparison.Ordinal);
            });
    }
}
