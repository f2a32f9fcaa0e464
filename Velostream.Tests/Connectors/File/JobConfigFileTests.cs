using Velostream.Engine.Sql;
using Velostream.Tests.Support;

namespace Velostream.Tests.Connectors.File;

/// <summary>
/// A statement's unprefixed 'config_file' configures its FROM source, as Velostream's CREATE TABLE … AS
/// SELECT reads it; relative paths are looked up from the SQL file's folder outwards.
/// </summary>
public sealed class JobConfigFileTests
{
    private const string Fills = "desk,qty\nrates,40\nfx,-5\ncredit,12\n";

    private static string App(string configFile) => $"""
        CREATE STREAM big_fills AS
        SELECT desk, qty FROM fills WHERE qty > 10
        WITH ("config_file" = "{configFile}", 'big_fills.type' = 'file_sink', 'big_fills.path' = 'big.jsonl');
        """;

    [Fact]
    public void Configures_the_from_source_with_paths_relative_to_an_enclosing_folder()
    {
        using var dir = new TempFolder();
        dir.Write("project/data/fills.csv", Fills);
        dir.Write("project/configs/fills.yaml", "data_source:\n  type: file\n  path: \"./project/data/fills.csv\"\n  format: csv\n");
        // As in Velostream's demos: both paths are written from the folder enclosing the project, not the SQL file's.
        var sql = dir.Write("project/sql/desk.sql", App("project/configs/fills.yaml"));

        var result = RunResult.Of(sql);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"desk\":\"rates\",\"qty\":40}\n{\"desk\":\"credit\",\"qty\":12}\n", dir.Read("project/sql/big.jsonl"));
    }

    [Fact]
    public void A_source_configured_in_with_is_left_alone()
    {
        using var dir = new TempFolder();
        dir.Write("fills.csv", Fills);
        dir.Write("other.yaml", "data_source:\n  type: file\n  path: missing.csv\n");
        var sql = dir.Write("desk.sql", App("other.yaml").Replace("WITH (", "WITH ('fills.type' = 'file_source', 'fills.path' = 'fills.csv', 'fills.format' = 'csv', ", StringComparison.Ordinal));

        Assert.Empty(SqlFrontEnd.Check(System.IO.File.ReadAllText(sql), sql).Diagnostics);
    }

    [Fact]
    public void A_missing_config_file_is_an_error_at_its_value()
    {
        using var dir = new TempFolder();
        var sql = dir.Write("sql/desk.sql", App("configs/none.yaml"));

        var result = SqlFrontEnd.Check(System.IO.File.ReadAllText(sql), sql);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((3, 23), (error.Location.Line, error.Location.Column));
        Assert.StartsWith("config file 'configs/none.yaml' not found in the SQL file's folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_data_source_type_is_an_error_at_its_value()
    {
        using var dir = new TempFolder();
        dir.Write("fills.yaml", "data_source:\n  type: ftp\n");
        var sql = dir.Write("desk.sql", App("fills.yaml"));

        var error = Assert.Single(SqlFrontEnd.Check(System.IO.File.ReadAllText(sql), sql).Diagnostics);

        Assert.Equal((3, 23), (error.Location.Line, error.Location.Column));
        Assert.EndsWith("unknown data source type 'ftp' (expected file or kafka)", error.Message, StringComparison.Ordinal);
    }
}
