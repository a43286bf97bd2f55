/*
 * gazette's search tokeniser, the JavaScript twin of src/search/token.rs: the rules are
 * written once, in that file's module docs, and tests/data/search-tokens.json checks that
 * both sides follow them. Plain ES2018, no modules: it defines one global,
 * gazetteTokenizer(language, foldAccents, stemmers), which returns
 *   { tokens(text) -> string[], key(token) -> string, stem(token) -> string,
 *     stemmer: string | null }.
 * `stemmers` maps a Snowball algorithm name ("english") to a function from a word to its
 * stem; src/search/stem/<algorithm>.js registers one as gazetteStemmers[algorithm].
 */
function gazetteTokenizer(language, foldAccents, stemmers) {
    'use strict';
    var MAX_CHARS = 40;
    var primary = String(language || '').split(/[-_]/)[0].toLowerCase();
    var ALGORITHMS = {
        ar: ['arabic', 'Arabic'], da: ['danish', 'Latin'], nl: ['dutch', 'Latin'],
        en: ['english', 'Latin'], fi: ['finnish', 'Latin'], fr: ['french', 'Latin'],
        de: ['german', 'Latin'], hu: ['hungarian', 'Latin'], it: ['italian', 'Latin'],
        no: ['norwegian', 'Latin'], nb: ['norwegian', 'Latin'], nn: ['norwegian', 'Latin'],
        pt: ['portuguese', 'Latin'], ro: ['romanian', 'Latin'], ru: ['russian', 'Cyrillic'],
        es: ['spanish', 'Latin'], sv: ['swedish', 'Latin'], ta: ['tamil', 'Tamil'],
        tr: ['turkish', 'Latin']
    };
    var algorithm = Object.prototype.hasOwnProperty.call(ALGORITHMS, primary)
        ? ALGORITHMS[primary] : null;
    var stemFn = null;
    if (algorithm) {
        stemFn = stemmers && stemmers[algorithm[0]];
        if (typeof stemFn !== 'function') {
            // Stemming the query differently from the index would find nothing: fail loudly.
            throw new Error('gazetteTokenizer: no "' + algorithm[0] +
                '" stemmer given for language "' + language + '"');
        }
    }
    var apostropheJoins = ['fr', 'it', 'ca', 'oc'].indexOf(primary) < 0;

    var FORMAT = /\p{Cf}/u;
    var MARK = /\p{M}/u;
    var ALPHABETIC = /\p{Alphabetic}/u;
    var NUMBER = /\p{N}/u;
    var RUN = new RegExp('[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}' +
        '\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}\\u30fc\\u3031-\\u3035]', 'u');
    var SINGLE = /[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}]/u;
    var FOLD_SCRIPT = /[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Arabic}]/u;
    var SCRIPT = {
        Latin: /\p{sc=Latin}/u, Cyrillic: /\p{sc=Cyrillic}/u, Arabic: /\p{sc=Arabic}/u,
        Tamil: /\p{sc=Tamil}/u
    };
    var FOLD_LETTERS = {
        'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i'
    };
    var TATWEEL = '\u0640';

    // What a character is to the segmenter (rule 2 of token.rs's docs).
    function classOf(c) {
        if (c < '\u0080') {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 'letter';
            if (c >= '0' && c <= '9') return 'digit';
            if (c === "'") return 'joinBoth';
            if (c === '.' || c === ',') return 'joinDigits';
            return 'separator';
        }
        if (c === '\u2019') return 'joinBoth';
        if (c === '\u00b7' || c === '\u2027' || c === '\u05f3' || c === '\u05f4') {
            return 'joinLetters';
        }
        if (c === '\u066b' || c === '\u066c') return 'joinDigits';
        if (c === '\u200b') return 'separator';
        if (FORMAT.test(c)) return 'ignored';
        if (MARK.test(c)) return 'mark';
        if (ALPHABETIC.test(c)) return RUN.test(c) ? 'run' : 'letter';
        if (NUMBER.test(c)) return 'digit';
        return 'separator';
    }

    function length(s) {
        var n = 0;
        for (var i = 0; i < s.length; i++) {
            var u = s.charCodeAt(i);
            if (u < 0xdc00 || u > 0xdfff) n++;
        }
        return n;
    }

    function singleLetter(word) {
        var chars = Array.from(word);
        if (!ALPHABETIC.test(chars[0]) || !SINGLE.test(chars[0])) return false;
        for (var i = 1; i < chars.length; i++) if (!MARK.test(chars[i])) return false;
        return true;
    }

    function tokens(text) {
        var out = [];
        var s = String(text).normalize('NFKC').toLowerCase().replace(/ς/g, 'σ');
        var word = '', cluster = '', last = 'separator', pending = null;
        function finish() {
            if (last === 'run') {
                word += cluster;
                if (length(word) <= MAX_CHARS) out.push(word);
            } else if (last === 'letter' || last === 'digit') {
                if (length(word) <= MAX_CHARS && !singleLetter(word)) out.push(word);
            }
            word = '';
            cluster = '';
            pending = null;
            last = 'separator';
        }
        for (var c of s) {
            var cls = classOf(c);
            if (cls === 'joinBoth' && !apostropheJoins) cls = 'joinDigits';
            if (cls === 'ignored') continue;
            if (cls === 'mark') {
                // Marks attach to what precedes them, whatever their script.
                if (pending !== null || last === 'separator') finish();
                else if (last === 'run') cluster += c;
                else word += c;
            } else if (cls === 'letter' || cls === 'digit') {
                if (last === 'letter' || last === 'digit') {
                    if (pending !== null) {
                        if (cls !== last) finish();
                        else word += pending === '\u2019' ? "'" : pending;
                        pending = null;
                    }
                } else {
                    finish();
                }
                word += c;
                last = cls;
            } else if (cls === 'run') {
                if (last !== 'run' || pending !== null) {
                    finish();
                    last = 'run';
                    cluster = c;
                } else {
                    // The cluster just completed makes a pair with the one before it.
                    if (word !== '') {
                        word += cluster;
                        if (length(word) <= MAX_CHARS) out.push(word);
                    }
                    word = cluster;
                    cluster = c;
                }
            } else if (cls === 'joinBoth' || cls === 'joinLetters' || cls === 'joinDigits') {
                var joins = pending === null && (
                    cls === 'joinBoth' ? (last === 'letter' || last === 'digit')
                        : cls === 'joinLetters' ? last === 'letter' : last === 'digit');
                if (joins) pending = c;
                else finish();
            } else {
                finish();
            }
        }
        finish();
        return out;
    }

    function key(token) {
        if (!foldAccents) return token;
        var out = '';
        var dropMarks = false;
        for (var c of token.normalize('NFD')) {
            if (c === TATWEEL) {
                dropMarks = true;
            } else if (MARK.test(c)) {
                if (!dropMarks) out += c;
            } else if (Object.prototype.hasOwnProperty.call(FOLD_LETTERS, c)) {
                dropMarks = true;
                out += FOLD_LETTERS[c];
            } else {
                dropMarks = FOLD_SCRIPT.test(c);
                out += c;
            }
        }
        return out.normalize('NFC');
    }

    function stemmable(token) {
        if (algorithm[0] === 'dutch') {
            var first = Array.from(token).slice(0, 2);
            for (var i = 0; i < first.length; i++) {
                if (first[i] >= '\u0080' && 'äëïöüáéíóú'.indexOf(first[i]) < 0) return false;
            }
        }
        var script = SCRIPT[algorithm[1]];
        var letters = false;
        for (var c of token) {
            if (c !== TATWEEL && ALPHABETIC.test(c) && !MARK.test(c)) {
                if (!script.test(c)) return false;
                letters = true;
            }
        }
        return letters;
    }

    function stem(token) {
        if (!stemFn || !stemmable(token)) return key(token);
        return key(stemFn(token));
    }

    return { tokens: tokens, key: key, stem: stem, stemmer: algorithm ? algorithm[0] : null };
}
