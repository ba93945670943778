using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The values of a query's rows, copied out of SQLite so the database can be closed before they are used, and
    /// kept as a few large arrays: the UTF-8 text of every cell in blocks of bytes, each cell's place and integer
    /// in an array of structs. Why not an object[] per row: 10,000 paired rows are 160,000 objects that live from
    /// the read until the last device is built, so every collection during the build copied them to an older
    /// generation and back; that alone doubled the time of reading the rows and their JSON (docs/benchmarks.md).
    /// Large arrays of bytes and of structs without references are never copied or scanned by the GC. The rows are
    /// stepped with SQLitePCLRaw, the layer under Microsoft.Data.Sqlite, on the connection's own handle (so in its
    /// transaction): its reader makes a string of every cell, which was garbage again at once and, in a process
    /// the size of PowerShell, made the fetch twice as slow as in a bare one. A cell's text becomes a string when
    /// it is read (<see cref="Text"/>), decoded as Microsoft.Data.Sqlite decodes it.
    /// The arrays are rented from the shared pools and returned by <see cref="Dispose"/>: fresh large arrays cost a
    /// page fault per 4 KB each time, which made the fetch take from 1x to 3x as long. The blocks hold token values
    /// (tokens_json), so they are cleared when returned.
    /// A cell reads as the module's readers always took it: text only from a TEXT value, an integer only from an
    /// INTEGER, anything else (NULL, REAL, BLOB) as no value.
    /// </summary>
    internal sealed class FetchedRows : IDisposable
    {
        /// <summary>Bytes per block: 1 MB, the largest array .NET Framework's shared pool keeps.</summary>
        private const int BlockLength = 1 << 20;

        private readonly List<byte[]> _blocks = new List<byte[]>();
        private readonly int _columns;
        private Cell[] _cells;
        private int _used;
        private bool _disposed;

        private FetchedRows(int columns, int expectedRows)
        {
            _columns = columns;
            _cells = ArrayPool<Cell>.Shared.Rent(Math.Max(columns, 1) * Math.Max(expectedRows, 1));
        }

        public int Count { get; private set; }

        /// <summary>
        /// Runs <paramref name="sql"/> on the connection (in its current transaction, if any) and keeps every row.
        /// <paramref name="expectedRows"/> (a count taken in the same read transaction) sizes the cells once, so
        /// they are not grown row by row. SQLite's errors are Microsoft.Data.Sqlite's SqliteException, as from a command.
        /// </summary>
        public static FetchedRows Fetch(SqliteConnection connection, string sql, int expectedRows = 64)
        {
            var database = connection.Handle;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
            using (statement)
            {
                var rows = new FetchedRows(raw.sqlite3_column_count(statement), expectedRows);
                try
                {
                    int result;
                    while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) rows.Add(statement);
                    if (result != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(result, database);
                    return rows;
                }
                catch
                {
                    rows.Dispose();
                    throw;
                }
            }
        }

        public string? Text(int row, int column)
        {
            var cell = _cells[Index(row, column)];
            return cell.Kind == CellKind.Text ? Encoding.UTF8.GetString(_blocks[cell.Block], cell.Start, cell.Length) : null;
        }

        public long? Integer(int row, int column)
        {
            var cell = _cells[Index(row, column)];
            return cell.Kind == CellKind.Integer ? cell.Integer : (long?)null;
        }

        /// <summary>Returns the arrays to their pools, the text cleared first; the rows cannot be read after.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var block in _blocks) ArrayPool<byte>.Shared.Return(block, clearArray: true);
            _blocks.Clear();
            ArrayPool<Cell>.Shared.Return(_cells);
            _cells = Array.Empty<Cell>();
        }

        private int Index(int row, int column)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(FetchedRows));
            if ((uint)row >= (uint)Count || (uint)column >= (uint)_columns) throw new ArgumentOutOfRangeException(nameof(row));
            return row * _columns + column;
        }

        private void Add(sqlite3_stmt statement)
        {
            var first = Count * _columns;
            if (first + _columns > _cells.Length) Grow();
            for (var column = 0; column < _columns; column++)
            {
                ref var cell = ref _cells[first + column];
                cell = default;
                switch (raw.sqlite3_column_type(statement, column))
                {
                    case raw.SQLITE_TEXT:
                        // The text's own bytes: the database is UTF-8, so reading a TEXT value as a blob converts nothing.
                        Keep(raw.sqlite3_column_blob(statement, column), ref cell);
                        break;
                    case raw.SQLITE_INTEGER:
                        cell.Kind = CellKind.Integer;
                        cell.Integer = raw.sqlite3_column_int64(statement, column);
                        break;
                }
            }
            Count++;
        }

        private void Grow()
        {
            var larger = ArrayPool<Cell>.Shared.Rent(_cells.Length * 2);
            Array.Copy(_cells, larger, Count * _columns);
            ArrayPool<Cell>.Shared.Return(_cells);
            _cells = larger;
        }

        private void Keep(ReadOnlySpan<byte> text, ref Cell cell)
        {
            if (_blocks.Count == 0 || _used + text.Length > _blocks[_blocks.Count - 1].Length)
            {
                _blocks.Add(ArrayPool<byte>.Shared.Rent(Math.Max(BlockLength, text.Length)));
                _used = 0;
            }
            text.CopyTo(new Span<byte>(_blocks[_blocks.Count - 1], _used, text.Length));
            cell.Kind = CellKind.Text;
            cell.Block = _blocks.Count - 1;
            cell.Start = _used;
            cell.Length = text.Length;
            _used += text.Length;
        }

        private enum CellKind : byte
        {
            None,
            Text,
            Integer,
        }

        private struct Cell
        {
            public CellKind Kind;
            public int Block;
            public int Start;
            public int Length;
            public long Integer;
        }
    }
}
