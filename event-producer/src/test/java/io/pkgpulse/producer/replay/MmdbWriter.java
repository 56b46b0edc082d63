package io.pkgpulse.producer.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal writer of MaxMind DB files (format 2.0,
 * https://maxmind.github.io/MaxMind-DB/), so that tests can make small databases instead
 * of downloading one: a binary search tree with 24-bit records, 16 zero bytes, the data
 * section, then {@code \xAB\xCD\xEFMaxMind.com} and the metadata map. Data values may be
 * maps, lists, strings, {@link Uint16}/{@link Uint32}/{@link Uint64} and booleans. IPv4
 * networks in an IPv6 database go under {@code ::/96}, where MaxMind's reader looks IPv4
 * addresses up.
 */
final class MmdbWriter {

    /**
     * Unsigned integer types of the format (Java has none); sizes are minimal, as in
     * MaxMind's writers.
     */
    record Uint16(int value) {
    }

    record Uint32(long value) {
    }

    record Uint64(long value) {
    }

    private static final byte[] METADATA_MARKER = { (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n',
            'd', '.', 'c', 'o', 'm' };

    private final int ipVersion;

    private final String databaseType;

    private final Node root = new Node();

    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    private final Map<Object, Integer> dataOffsets = new HashMap<>();

    private MmdbWriter(int ipVersion, String databaseType) {
        this.ipVersion = ipVersion;
        this.databaseType = databaseType;
    }

    static MmdbWriter ipv6(String databaseType) {
        return new MmdbWriter(6, databaseType);
    }

    static MmdbWriter ipv4(String databaseType) {
        return new MmdbWriter(4, databaseType);
    }

    /**
     * Maps a network to a record.
     * @param cidr {@code 8.8.8.0/24} or {@code 2001:4860::/32}; networks must not overlap
     */
    MmdbWriter put(String cidr, Map<String, ?> record) {
        int slash = cidr.indexOf('/');
        byte[] address = literal(cidr.substring(0, slash));
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (ipVersion == 6 && address.length == 4) {
            byte[] v6 = new byte[16];
            System.arraycopy(address, 0, v6, 12, 4);
            address = v6;
            prefix += 96;
        }
        if (ipVersion == 4 && address.length != 4) {
            throw new IllegalArgumentException("an IPv6 network in an IPv4 database: " + cidr);
        }
        Integer offset = dataOffsets.get(record);
        if (offset == null) {
            offset = data.size();
            encode(record, data);
            dataOffsets.put(record, offset);
        }
        Node node = root;
        for (int bit = 0; bit < prefix; bit++) {
            int side = (address[bit / 8] >>> (7 - bit % 8)) & 1;
            if (bit == prefix - 1) {
                node.children[side] = new Leaf(offset);
            }
            else {
                if (!(node.children[side] instanceof Node)) {
                    node.children[side] = new Node();
                }
                node = (Node) node.children[side];
            }
        }
        return this;
    }

    void write(Path file) {
        // Number the nodes breadth first; the root is node 0.
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> numbers = new IdentityHashMap<>();
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            numbers.put(node, nodes.size());
            nodes.add(node);
            for (Object child : node.children) {
                if (child instanceof Node next) {
                    queue.add(next);
                }
            }
        }
        long nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            for (Object child : node.children) {
                long record;
                if (child instanceof Node next) {
                    record = numbers.get(next);
                }
                else if (child instanceof Leaf leaf) {
                    record = nodeCount + 16 + leaf.offset();
                }
                else {
                    record = nodeCount; // no data
                }
                out.write((int) (record >>> 16) & 0xFF);
                out.write((int) (record >>> 8) & 0xFF);
                out.write((int) record & 0xFF);
            }
        }
        out.write(new byte[16], 0, 16);
        out.write(data.toByteArray(), 0, data.size());
        out.write(METADATA_MARKER, 0, METADATA_MARKER.length);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", new Uint32(nodeCount));
        metadata.put("record_size", new Uint16(24));
        metadata.put("ip_version", new Uint16(ipVersion));
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", new Uint64(1_780_000_000L));
        metadata.put("description", Map.of("en", "pkgpulse test database"));
        encode(metadata, out);
        try {
            Files.write(file, out.toByteArray());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static final class Node {

        final Object[] children = new Object[2];

    }

    private record Leaf(int offset) {
    }

    /** The data section's encoding of one value. */
    static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            control(2, bytes.length, out);
            out.write(bytes, 0, bytes.length);
        }
        else if (value instanceof Map<?, ?> map) {
            control(7, map.size(), out);
            map.forEach((key, item) -> {
                encode((String) key, out);
                encode(item, out);
            });
        }
        else if (value instanceof List<?> list) {
            control(11, list.size(), out);
            list.forEach(item -> encode(item, out));
        }
        else if (value instanceof Uint16 n) {
            unsigned(5, n.value(), out);
        }
        else if (value instanceof Uint32 n) {
            unsigned(6, n.value(), out);
        }
        else if (value instanceof Uint64 n) {
            unsigned(9, n.value(), out);
        }
        else if (value instanceof Boolean flag) {
            control(14, flag ? 1 : 0, out);
        }
        else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void unsigned(int type, long value, ByteArrayOutputStream out) {
        int size = 0;
        while (size < 8 && (value >>> (size * 8)) != 0) {
            size++;
        }
        control(type, size, out);
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (value >>> (i * 8)) & 0xFF);
        }
    }

    /**
     * The control byte (type in the top three bits; extended types after it) and the
     * size.
     */
    private static void control(int type, int size, ByteArrayOutputStream out) {
        int sizeBits;
        byte[] sizeBytes;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        }
        else if (size < 29 + 256) {
            sizeBits = 29;
            sizeBytes = new byte[] { (byte) (size - 29) };
        }
        else if (size < 285 + 65_536) {
            sizeBits = 30;
            int rest = size - 285;
            sizeBytes = new byte[] { (byte) (rest >>> 8), (byte) rest };
        }
        else {
            sizeBits = 31;
            int rest = size - 65_821;
            sizeBytes = new byte[] { (byte) (rest >>> 16), (byte) (rest >>> 8), (byte) rest };
        }
        if (type <= 7) {
            out.write((type << 5) | sizeBits);
        }
        else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.write(sizeBytes, 0, sizeBytes.length);
    }

    private static byte[] literal(String address) {
        try {
            return InetAddress.getByName(address).getAddress(); // test literals only: no
                                                                // name is looked up
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
