// Lucene's BM25 over newsbot's passages, for benchmarks/lucene_agreement.py (no cluster needed).
//
//   java -cp lucene-core.jar:lucene-analyzers-common.jar:. LuceneBM25 index PASSAGES.tsv DIR
//   java -cp ... LuceneBM25 serve DIR        (requests on stdin, one a line; answers on stdout)
//
// PASSAGES.tsv: id \t day \t language \t title_terms \t body_terms (our own tokens, split on
// spaces, as the OpenSearch mapping's whitespace analyzer splits them). Requests, translated
// by the script from the JSON body the OpenSearch backend sends:
//   S \t size \t dayFrom|- \t dayTo|- \t language|- \t clause \t clause ...
//     clause: T:field:boost:term  or  P:field:boost:word word ...  or  R:field:1.0:word word ...
//     (R: a required phrase; the passage must hold one of them, a filter that adds nothing)
//   D \t term              (passages whose body holds the term)
// A search answers "id score day" triples separated by tabs; D answers the count.
// BM25 k1 1.2, b 0.75, as the index template sets; one index, so the statistics are global,
// as dfs_query_then_fetch makes them across a cluster's indices.

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

public class LuceneBM25 {
    static final BM25Similarity BM25 = new BM25Similarity(1.2f, 0.75f);

    public static void main(String[] args) throws Exception {
        if (args[0].equals("index")) {
            index(args[1], args[2]);
        } else {
            serve(args[1]);
        }
    }

    static void index(String tsv, String dir) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(new WhitespaceAnalyzer());
        config.setSimilarity(BM25);
        config.setRAMBufferSizeMB(256);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(dir)), config);
                BufferedReader in = Files.newBufferedReader(Paths.get(tsv), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                Document doc = new Document();
                doc.add(new StringField("id", f[0], Field.Store.YES));
                int day = Integer.parseInt(f[1]);
                doc.add(new IntPoint("day", day));
                doc.add(new StoredField("day", day));
                doc.add(new StringField("language", f[2], Field.Store.NO));
                doc.add(new TextField("title_terms", f[3], Field.Store.NO));
                doc.add(new TextField("body_terms", f[4], Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.forceMerge(1);
        }
    }

    static void serve(String dir) throws Exception {
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(BM25);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("D")) {
                out.write(Integer.toString(reader.docFreq(new Term("body_terms", f[1]))));
            } else {
                StringBuilder answer = new StringBuilder();
                for (ScoreDoc hit : searcher.search(query(f), Integer.parseInt(f[1])).scoreDocs) {
                    Document doc = searcher.doc(hit.doc);
                    if (answer.length() > 0) answer.append('\t');
                    answer.append(doc.get("id")).append(' ').append(hit.score).append(' ')
                            .append(doc.getField("day").numericValue().intValue());
                }
                out.write(answer.toString());
            }
            out.write('\n');
            out.flush();
        }
    }

    // One bool query as OpenSearch builds it from the JSON: the clauses as "should" (at least
    // one must match), the dates and the language as "filter" (they select, they add nothing).
    static Query query(String[] f) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        BooleanQuery.Builder required = null;
        for (int i = 5; i < f.length; i++) {
            String[] c = f[i].split(":", 4);
            if (c[0].equals("R")) {
                if (required == null) required = new BooleanQuery.Builder();
                required.add(new PhraseQuery(c[1], c[3].split(" ")), BooleanClause.Occur.SHOULD);
                continue;
            }
            Query clause;
            if (c[0].equals("P")) {
                clause = new PhraseQuery(c[1], c[3].split(" "));
            } else {
                clause = new TermQuery(new Term(c[1], c[3]));
            }
            float boost = Float.parseFloat(c[2]);
            if (boost != 1.0f) clause = new BoostQuery(clause, boost);
            query.add(clause, BooleanClause.Occur.SHOULD);
        }
        query.setMinimumNumberShouldMatch(1);
        if (required != null) {
            required.setMinimumNumberShouldMatch(1);
            query.add(required.build(), BooleanClause.Occur.FILTER);
        }
        if (!f[2].equals("-") || !f[3].equals("-")) {
            int from = f[2].equals("-") ? Integer.MIN_VALUE : Integer.parseInt(f[2]);
            int to = f[3].equals("-") ? Integer.MAX_VALUE : Integer.parseInt(f[3]);
            query.add(IntPoint.newRangeQuery("day", from, to), BooleanClause.Occur.FILTER);
        }
        if (!f[4].equals("-")) {
            query.add(new TermQuery(new Term("language", f[4])), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }
}
