using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The values of a query's rows, copied out of the reader so the database can be closed before they are used,
    /// and kept as a few large arrays: the text of every cell in blocks of characters, each cell's place and integer
    /// in an array of structs. Why not an object[] per row: 10,000 paired rows are 160,000 objects that live from
    /// the read until the last device is built, so every collection during the build copied them to an older
    /// generation and back; that alone doubled the time of reading the rows and their JSON (docs/benchmarks.md).
    /// Large arrays of characters and of structs without references are never copied or scanned by the GC.
    /// A cell reads as the module's readers always took it: text only from a TEXT value, an integer only from an
    /// INTEGER, anything else (NULL, REAL, BLOB) as no value.
    /// </summary>
    internal sealed class FetchedRows
    {
        /// <summary>Characters per block: 2 MB, so each block is one large-object allocation.</summary>
        private const int BlockLength = 1 << 20;

        private readonly List<char[]> _blocks = new List<char[]>();
        private readonly int _columns;
        private Cell[] _cells;
        private int _used;

        private FetchedRows(int columns)
        {
            _columns = columns;
            _cells = new Cell[Math.Max(columns, 1) * 64];
        }

        public int Count { get; private set; }

        /// <summary>Reads every remaining row of <paramref name="reader"/>.</summary>
        public static FetchedRows Fetch(SqliteDataReader reader)
        {
            var rows = new FetchedRows(reader.FieldCount);
            while (reader.Read()) rows.Add(reader);
            return rows;
        }

        public string? Text(int row, int column)
        {
            var cell = _cells[Index(row, column)];
            return cell.Kind == CellKind.Text ? new string(_blocks[cell.Block], cell.Start, cell.Length) : null;
        }

        public long? Integer(int row, int column)
        {
            var cell = _cells[Index(row, column)];
            return cell.Kind == CellKind.Integer ? cell.Integer : (long?)null;
        }

        private int Index(int row, int column)
        {
            if ((uint)row >= (uint)Count || (uint)column >= (uint)_columns) throw new ArgumentOutOfRangeException(nameof(row));
            return row * _columns + column;
        }

        private void Add(SqliteDataReader reader)
        {
            var first = Count * _columns;
            if (first + _columns > _cells.Length) Array.Resize(ref _cells, _cells.Length * 2);
            for (var column = 0; column < _columns; column++)
            {
                ref var cell = ref _cells[first + column];
                cell = default;
                if (reader.IsDBNull(column)) continue;
                var type = reader.GetFieldType(column);
                if (type == typeof(string)) Keep(reader.GetString(column), ref cell);
                else if (type == typeof(long))
                {
                    cell.Kind = CellKind.Integer;
                    cell.Integer = reader.GetInt64(column);
                }
            }
            Count++;
        }

        private void Keep(string text, ref Cell cell)
        {
            if (_blocks.Count == 0 || _used + text.Length > _blocks[_blocks.Count - 1].Length)
            {
                _blocks.Add(new char[Math.Max(BlockLength, text.Length)]);
                _used = 0;
            }
            text.CopyTo(0, _blocks[_blocks.Count - 1], _used, text.Length);
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
