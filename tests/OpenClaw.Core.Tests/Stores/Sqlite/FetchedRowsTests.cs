using Microsoft.Data.Sqlite;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>
/// The compact copy of a query's rows the SQLite store keeps between its read and building the devices: every
/// value reads back as the reader gave it, across blocks, with SQLite's other types as no value.
/// </summary>
public sealed class FetchedRowsTests : IDisposable
{
    private readonly SqliteConnection _connection = new SqliteConnection("Data Source=:memory:");

    public FetchedRowsTests()
    {
        SqliteNativeLoader.EnsureInitialized();
        _connection.Open();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Text_and_integers_read_back_and_other_storage_classes_are_no_value()
    {
        var rows = Fetch("SELECT 'a', 42, NULL, 1.5, x'00ff', '', -9223372036854775808 UNION ALL SELECT 'é😀\"\\', NULL, 'x', 0, NULL, 'y', 9223372036854775807");

        Assert.Equal(2, rows.Count);
        Assert.Equal(("a", (long?)null), (rows.Text(0, 0), rows.Integer(0, 0)));
        Assert.Equal(((string?)null, (long?)42), (rows.Text(0, 1), rows.Integer(0, 1)));
        Assert.Equal(((string?)null, (long?)null), (rows.Text(0, 2), rows.Integer(0, 2)));
        Assert.Equal(((string?)null, (long?)null), (rows.Text(0, 3), rows.Integer(0, 3)));
        Assert.Equal(((string?)null, (long?)null), (rows.Text(0, 4), rows.Integer(0, 4)));
        Assert.Equal("", rows.Text(0, 5));
        Assert.Equal(long.MinValue, rows.Integer(0, 6));
        Assert.Equal("é😀\"\\", rows.Text(1, 0));
        Assert.Equal("x", rows.Text(1, 2));
        Assert.Equal(0L, rows.Integer(1, 3));
        Assert.Equal(long.MaxValue, rows.Integer(1, 6));
    }

    [Fact]
    public void Many_rows_across_blocks_and_a_text_longer_than_a_block_read_back_exactly()
    {
        Exec("CREATE TABLE t (n INTEGER, s TEXT)");
        using (var insert = _connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO t VALUES ($n, $s)";
            var n = insert.Parameters.Add("$n", SqliteType.Integer);
            var s = insert.Parameters.Add("$s", SqliteType.Text);
            for (var i = 0; i < 3000; i++)
            {
                n.Value = i;
                s.Value = i == 1500 ? new string('L', 3_000_000) : Text(i);
                insert.ExecuteNonQuery();
            }
        }

        var rows = Fetch("SELECT n, s FROM t ORDER BY n");

        Assert.Equal(3000, rows.Count);
        for (var i = 0; i < 3000; i++)
        {
            Assert.Equal(i, rows.Integer(i, 0));
            Assert.Equal(i == 1500 ? new string('L', 3_000_000) : Text(i), rows.Text(i, 1));
        }
    }

    [Fact]
    public void Every_text_reads_as_Microsoft_Data_Sqlite_reads_it()
    {
        // Embedded NUL, bytes that are not UTF-8, a lone surrogate's bytes, 4-byte characters, and the empty text.
        const string sql = "SELECT 'a' || char(0) || 'b', CAST(x'ff41c3' AS TEXT), CAST(x'eda080' AS TEXT), '😀𝄞', '', CAST(x'00' AS TEXT), 'tail'";
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());

        using var rows = Fetch(sql);

        for (var column = 0; column < reader.FieldCount; column++) Assert.Equal(reader.GetString(column), rows.Text(0, column));
    }

    [Fact]
    public void SQLite_errors_are_SqliteExceptions_and_returned_rows_cannot_be_read()
    {
        Assert.Throws<SqliteException>(() => Fetch("SELECT * FROM no_such_table"));
        Assert.Throws<SqliteException>(() => Fetch("SELECT abs(-9223372036854775808)"));

        var rows = Fetch("SELECT 'x'");
        rows.Dispose();
        Assert.Throws<ObjectDisposedException>(() => rows.Text(0, 0));
    }

    [Fact]
    public void A_place_outside_the_rows_is_refused()
    {
        var rows = Fetch("SELECT 1, 2");

        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Text(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Integer(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Text(-1, 0));
    }

    /// <summary>About 1,000 characters that differ from row to row, so 3,000 of them fill several 1M-character blocks.</summary>
    private static string Text(int i) => string.Concat(Enumerable.Repeat(i.ToString("x8") + ":", 111));

    private FetchedRows Fetch(string sql) => FetchedRows.Fetch(_connection, sql);

    private void Exec(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
