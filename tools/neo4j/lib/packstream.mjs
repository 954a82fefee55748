// PackStream, Bolt's value encoding, and its message chunks: as much as
// boltCheck needs (no npm packages).

export function chunk(payload) {
  const parts = [];
  for (let off = 0; off < payload.length; off += 0xffff) {
    const piece = payload.subarray(off, Math.min(off + 0xffff, payload.length));
    const head = Buffer.alloc(2);
    head.writeUInt16BE(piece.length, 0);
    parts.push(head, piece);
  }
  parts.push(Buffer.from([0, 0]));
  return Buffer.concat(parts);
}

function sizeHeader(n, tiny, m8, m16, m32) {
  if (n < 16 && tiny !== null) return Buffer.from([tiny | n]);
  if (n < 0x100 && m8 !== null) return Buffer.from([m8, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = m16;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = m32;
  b.writeUInt32BE(n, 1);
  return b;
}

export function packValue(v) {
  if (v === null || v === undefined) return Buffer.from([0xc0]);
  if (v === true) return Buffer.from([0xc3]);
  if (v === false) return Buffer.from([0xc2]);
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v >= -16 && v < 128) return Buffer.from([v & 0xff]);
    if (v >= -128 && v < 128) return Buffer.from([0xc8, v & 0xff]);
    if (v >= -32768 && v < 32768) {
      const b = Buffer.alloc(3);
      b[0] = 0xc9;
      b.writeInt16BE(v, 1);
      return b;
    }
    if (v >= -2147483648 && v < 2147483648) {
      const b = Buffer.alloc(5);
      b[0] = 0xca;
      b.writeInt32BE(v, 1);
      return b;
    }
    const b = Buffer.alloc(9);
    b[0] = 0xcb;
    b.writeBigInt64BE(BigInt(v), 1);
    return b;
  }
  if (typeof v === 'number') {
    const b = Buffer.alloc(9);
    b[0] = 0xc1;
    b.writeDoubleBE(v, 1);
    return b;
  }
  if (typeof v === 'string') {
    const s = Buffer.from(v, 'utf8');
    return Buffer.concat([sizeHeader(s.length, 0x80, 0xd0, 0xd1, 0xd2), s]);
  }
  if (Array.isArray(v)) {
    return Buffer.concat([
      sizeHeader(v.length, 0x90, 0xd4, 0xd5, 0xd6),
      ...v.map(packValue),
    ]);
  }
  if (typeof v === 'object' && v.$struct !== undefined) {
    return Buffer.concat([
      Buffer.from([0xb0 | v.fields.length, v.$struct]),
      ...v.fields.map(packValue),
    ]);
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return Buffer.concat([
      sizeHeader(entries.length, 0xa0, 0xd8, 0xd9, 0xda),
      ...entries.flatMap(([k, x]) => [packValue(k), packValue(x)]),
    ]);
  }
  throw new Error(`cannot pack ${typeof v}`);
}

export function unpack(b, st) {
  const m = b[st.pos++];
  const u8 = () => b[st.pos++];
  const u16 = () => {
    const x = b.readUInt16BE(st.pos);
    st.pos += 2;
    return x;
  };
  const u32 = () => {
    const x = b.readUInt32BE(st.pos);
    st.pos += 4;
    return x;
  };
  const str = n => {
    const s = b.toString('utf8', st.pos, st.pos + n);
    st.pos += n;
    return s;
  };
  const list = n => Array.from({ length: n }, () => unpack(b, st));
  const map = n => {
    const o = {};
    for (let i = 0; i < n; i++) {
      const k = unpack(b, st);
      o[k] = unpack(b, st);
    }
    return o;
  };
  const struct = n => {
    const sig = u8();
    return { sig, fields: list(n) };
  };
  if (m < 0x80) return m;
  if (m >= 0xf0) return m - 0x100;
  const hi = m & 0xf0;
  if (hi === 0x80) return str(m & 0x0f);
  if (hi === 0x90) return list(m & 0x0f);
  if (hi === 0xa0) return map(m & 0x0f);
  if (hi === 0xb0) return struct(m & 0x0f);
  switch (m) {
    case 0xc0:
      return null;
    case 0xc1: {
      const x = b.readDoubleBE(st.pos);
      st.pos += 8;
      return x;
    }
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xc8: {
      const x = b.readInt8(st.pos);
      st.pos += 1;
      return x;
    }
    case 0xc9: {
      const x = b.readInt16BE(st.pos);
      st.pos += 2;
      return x;
    }
    case 0xca: {
      const x = b.readInt32BE(st.pos);
      st.pos += 4;
      return x;
    }
    case 0xcb: {
      const x = b.readBigInt64BE(st.pos);
      st.pos += 8;
      return Number(x);
    }
    case 0xcc:
    case 0xcd:
    case 0xce: {
      const n = m === 0xcc ? u8() : m === 0xcd ? u16() : u32();
      const x = Buffer.from(b.subarray(st.pos, st.pos + n));
      st.pos += n;
      return x;
    }
    case 0xd0:
      return str(u8());
    case 0xd1:
      return str(u16());
    case 0xd2:
      return str(u32());
    case 0xd4:
      return list(u8());
    case 0xd5:
      return list(u16());
    case 0xd6:
      return list(u32());
    case 0xd8:
      return map(u8());
    case 0xd9:
      return map(u16());
    case 0xda:
      return map(u32());
    default:
      throw new Error(`unknown PackStream marker 0x${m.toString(16)}`);
  }
}
