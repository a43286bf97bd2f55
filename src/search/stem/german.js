/*
 * The Snowball "german" stemmer for the search page (issue 16), registered as
 * gazetteStemmers["german"]: a function from a lowercase word to its stem.
 *
 * Vendored unchanged from the npm package snowball-stemmers 0.6.0 (Oleg Mazko,
 * https://github.com/mazko/jssnowball, ISC licence), a JavaScript port of the Snowball
 * stemmers (http://snowballstem.org/, BSD licence): this one algorithm, cut out of
 * its snowball-stemmers.js; runtime.js (put before it by search::token::stemmer_js) holds
 * the shared runtime and opens the function this file closes, so that the two define
 * nothing but this entry in gazetteStemmers. See LICENCE in this folder. It agrees with
 * the rust-stemmers crate used at index time: tests/data/search-tokens.json.
 */
    var germanStemmer = function (_SnowballStemmer11) {
        _inherits(germanStemmer, _SnowballStemmer11);

        function germanStemmer() {
            _classCallCheck(this, germanStemmer);

            return _possibleConstructorReturn(this, Object.getPrototypeOf(germanStemmer).apply(this, arguments));
        }

        _createClass(germanStemmer, [{
            key: 'r_prelude$esjava$0',
            value: function r_prelude$esjava$0() {
                var v_1 = undefined;
                var v_2 = undefined;
                var v_3 = undefined;
                var v_4 = undefined;
                var v_5 = undefined;
                var v_6 = undefined;
                v_1 = this.cursor;

                replab0: while (true) {
                    v_2 = this.cursor;

                    lab1: do {
                        lab2: do {
                            v_3 = this.cursor;

                            lab3: do {
                                this.bra = this.cursor;

                                if (!this.eq_s$esjava$1('\u00DF')) {
                                    break lab3;
                                }

                                this.ket = this.cursor;
                                this.slice_from$esjava$1("ss");
                                break lab2;
                            } while (false);

                            this.cursor = v_3;

                            if (this.cursor >= this.limit) {
                                break lab1;
                            }

                            this.cursor++;
                        } while (false);

                        continue replab0;
                    } while (false);

                    this.cursor = v_2;
                    break replab0;
                }

                this.cursor = v_1;

                replab4: while (true) {
                    v_4 = this.cursor;

                    lab5: do {
                        golab6: while (true) {
                            v_5 = this.cursor;

                            lab7: do {
                                if (!this.in_grouping$esjava$3(germanStemmer.g_v, 97, 252)) {
                                    break lab7;
                                }

                                this.bra = this.cursor;

                                lab8: do {
                                    v_6 = this.cursor;

                                    lab9: do {
                                        if (!this.eq_s$esjava$1("u")) {
                                            break lab9;
                                        }

                                        this.ket = this.cursor;

                                        if (!this.in_grouping$esjava$3(germanStemmer.g_v, 97, 252)) {
                                            break lab9;
                                        }

                                        this.slice_from$esjava$1("U");
                                        break lab8;
                                    } while (false);

                                    this.cursor = v_6;

                                    if (!this.eq_s$esjava$1("y")) {
                                        break lab7;
                                    }

                                    this.ket = this.cursor;

                                    if (!this.in_grouping$esjava$3(germanStemmer.g_v, 97, 252)) {
                                        break lab7;
                                    }

                                    this.slice_from$esjava$1("Y");
                                } while (false);

                                this.cursor = v_5;
                                break golab6;
                            } while (false);

                            this.cursor = v_5;

                            if (this.cursor >= this.limit) {
                                break lab5;
                            }

                            this.cursor++;
                        }

                        continue replab4;
                    } while (false);

                    this.cursor = v_4;
                    break replab4;
                }

                return true;
            }
        }, {
            key: 'r_mark_regions$esjava$0',
            value: function r_mark_regions$esjava$0() {
                var v_1 = undefined;
                this.I_p1 = this.limit;
                this.I_p2 = this.limit;
                v_1 = this.cursor;
                {
                    var c = this.cursor + 3;

                    if (0 > c || c > this.limit) {
                        return false;
                    }

                    this.cursor = c;
                }
                this.I_x = this.cursor;
                this.cursor = v_1;

                golab0: while (true) {
                    lab1: do {
                        if (!this.in_grouping$esjava$3(germanStemmer.g_v, 97, 252)) {
                            break lab1;
                        }

                        break golab0;
                    } while (false);

                    if (this.cursor >= this.limit) {
                        return false;
                    }

                    this.cursor++;
                }

                golab2: while (true) {
                    lab3: do {
                        if (!this.out_grouping$esjava$3(germanStemmer.g_v, 97, 252)) {
                            break lab3;
                        }

                        break golab2;
                    } while (false);

                    if (this.cursor >= this.limit) {
                        return false;
                    }

                    this.cursor++;
                }

                this.I_p1 = this.cursor;

                lab4: do {
                    if (!(this.I_p1 < this.I_x)) {
                        break lab4;
                    }

                    this.I_p1 = this.I_x;
                } while (false);

                golab5: while (true) {
                    lab6: do {
                        if (!this.in_grouping$esjava$3(germanStemmer.g_v, 97, 252)) {
                            break lab6;
                        }

                        break golab5;
                    } while (false);

                    if (this.cursor >= this.limit) {
                        return false;
                    }

                    this.cursor++;
                }

                golab7: while (true) {
                    lab8: do {
                        if (!this.out_grouping$esjava$3(germanStemmer.g_v, 97, 252)) {
                            break lab8;
                        }

                        break golab7;
                    } while (false);

                    if (this.cursor >= this.limit) {
                        return false;
                    }

                    this.cursor++;
                }

                this.I_p2 = this.cursor;
                return true;
            }
        }, {
            key: 'r_postlude$esjava$0',
            value: function r_postlude$esjava$0() {
                var among_var = undefined;
                var v_1 = undefined;

                replab0: while (true) {
                    v_1 = this.cursor;

                    lab1: do {
                        this.bra = this.cursor;
                        among_var = this.find_among$esjava$1(germanStemmer.a_0);

                        if (among_var === 0) {
                            break lab1;
                        }

                        this.ket = this.cursor;

                        switch (among_var) {
                            case 0:
                                break lab1;

                            case 1:
                                this.slice_from$esjava$1("y");
                                break;

                            case 2:
                                this.slice_from$esjava$1("u");
                                break;

                            case 3:
                                this.slice_from$esjava$1("a");
                                break;

                            case 4:
                                this.slice_from$esjava$1("o");
                                break;

                            case 5:
                                this.slice_from$esjava$1("u");
                                break;

                            case 6:
                                if (this.cursor >= this.limit) {
                                    break lab1;
                                }

                                this.cursor++;
                                break;
                        }

                        continue replab0;
                    } while (false);

                    this.cursor = v_1;
                    break replab0;
                }

                return true;
            }
        }, {
            key: 'r_R1$esjava$0',
            value: function r_R1$esjava$0() {
                if (!(this.I_p1 <= this.cursor)) {
                    return false;
                }

                return true;
            }
        }, {
            key: 'r_R2$esjava$0',
            value: function r_R2$esjava$0() {
                if (!(this.I_p2 <= this.cursor)) {
                    return false;
                }

                return true;
            }
        }, {
            key: 'r_standard_suffix$esjava$0',
            value: function r_standard_suffix$esjava$0() {
                var among_var = undefined;
                var v_1 = undefined;
                var v_2 = undefined;
                var v_3 = undefined;
                var v_4 = undefined;
                var v_5 = undefined;
                var v_6 = undefined;
                var v_7 = undefined;
                var v_8 = undefined;
                var v_9 = undefined;
                var v_10 = undefined;
                v_1 = this.limit - this.cursor;

                lab0: do {
                    this.ket = this.cursor;
                    among_var = this.find_among_b$esjava$1(germanStemmer.a_1);

                    if (among_var === 0) {
                        break lab0;
                    }

                    this.bra = this.cursor;

                    if (!this.r_R1$esjava$0()) {
                        break lab0;
                    }

                    switch (among_var) {
                        case 0:
                            break lab0;

                        case 1:
                            this.slice_del$esjava$0();
                            break;

                        case 2:
                            this.slice_del$esjava$0();
                            v_2 = this.limit - this.cursor;

                            lab1: do {
                                this.ket = this.cursor;

                                if (!this.eq_s_b$esjava$1("s")) {
                                    this.cursor = this.limit - v_2;
                                    break lab1;
                                }

                                this.bra = this.cursor;

                                if (!this.eq_s_b$esjava$1("nis")) {
                                    this.cursor = this.limit - v_2;
                                    break lab1;
                                }

                                this.slice_del$esjava$0();
                            } while (false);

                            break;

                        case 3:
                            if (!this.in_grouping_b$esjava$3(germanStemmer.g_s_ending, 98, 116)) {
                                break lab0;
                            }

                            this.slice_del$esjava$0();
                            break;
                    }
                } while (false);

                this.cursor = this.limit - v_1;
                v_3 = this.limit - this.cursor;

                lab2: do {
                    this.ket = this.cursor;
                    among_var = this.find_among_b$esjava$1(germanStemmer.a_2);

                    if (among_var === 0) {
                        break lab2;
                    }

                    this.bra = this.cursor;

                    if (!this.r_R1$esjava$0()) {
                        break lab2;
                    }

                    switch (among_var) {
                        case 0:
                            break lab2;

                        case 1:
                            this.slice_del$esjava$0();
                            break;

                        case 2:
                            if (!this.in_grouping_b$esjava$3(germanStemmer.g_st_ending, 98, 116)) {
                                break lab2;
                            }

                            {
                                var c = this.cursor - 3;

                                if (this.limit_backward > c || c > this.limit) {
                                    break lab2;
                                }

                                this.cursor = c;
                            }
                            this.slice_del$esjava$0();
                            break;
                    }
                } while (false);

                this.cursor = this.limit - v_3;
                v_4 = this.limit - this.cursor;

                lab3: do {
                    this.ket = this.cursor;
                    among_var = this.find_among_b$esjava$1(germanStemmer.a_4);

                    if (among_var === 0) {
                        break lab3;
                    }

                    this.bra = this.cursor;

                    if (!this.r_R2$esjava$0()) {
                        break lab3;
                    }

                    switch (among_var) {
                        case 0:
                            break lab3;

                        case 1:
                            this.slice_del$esjava$0();
                            v_5 = this.limit - this.cursor;

                            lab4: do {
                                this.ket = this.cursor;

                                if (!this.eq_s_b$esjava$1("ig")) {
                                    this.cursor = this.limit - v_5;
                                    break lab4;
                                }

                                this.bra = this.cursor;
                                {
                                    v_6 = this.limit - this.cursor;

                                    lab5: do {
                                        if (!this.eq_s_b$esjava$1("e")) {
                                            break lab5;
                                        }

                                        this.cursor = this.limit - v_5;
                                        break lab4;
                                    } while (false);

                                    this.cursor = this.limit - v_6;
                                }

                                if (!this.r_R2$esjava$0()) {
                                    this.cursor = this.limit - v_5;
                                    break lab4;
                                }

                                this.slice_del$esjava$0();
                            } while (false);

                            break;

                        case 2:
                            {
                                v_7 = this.limit - this.cursor;

                                lab6: do {
                                    if (!this.eq_s_b$esjava$1("e")) {
                                        break lab6;
                                    }

                                    break lab3;
                                } while (false);

                                this.cursor = this.limit - v_7;
                            }
                            this.slice_del$esjava$0();
                            break;

                        case 3:
                            this.slice_del$esjava$0();
                            v_8 = this.limit - this.cursor;

                            lab7: do {
                                this.ket = this.cursor;

                                lab8: do {
                                    v_9 = this.limit - this.cursor;

                                    lab9: do {
                                        if (!this.eq_s_b$esjava$1("er")) {
                                            break lab9;
                                        }

                                        break lab8;
                                    } while (false);

                                    this.cursor = this.limit - v_9;

                                    if (!this.eq_s_b$esjava$1("en")) {
                                        this.cursor = this.limit - v_8;
                                        break lab7;
                                    }
                                } while (false);

                                this.bra = this.cursor;

                                if (!this.r_R1$esjava$0()) {
                                    this.cursor = this.limit - v_8;
                                    break lab7;
                                }

                                this.slice_del$esjava$0();
                            } while (false);

                            break;

                        case 4:
                            this.slice_del$esjava$0();
                            v_10 = this.limit - this.cursor;

                            lab10: do {
                                this.ket = this.cursor;
                                among_var = this.find_among_b$esjava$1(germanStemmer.a_3);

                                if (among_var === 0) {
                                    this.cursor = this.limit - v_10;
                                    break lab10;
                                }

                                this.bra = this.cursor;

                                if (!this.r_R2$esjava$0()) {
                                    this.cursor = this.limit - v_10;
                                    break lab10;
                                }

                                switch (among_var) {
                                    case 0:
                                        this.cursor = this.limit - v_10;
                                        break lab10;

                                    case 1:
                                        this.slice_del$esjava$0();
                                        break;
                                }
                            } while (false);

                            break;
                    }
                } while (false);

                this.cursor = this.limit - v_4;
                return true;
            }
        }, {
            key: 'stem$esjava$0',
            value: function stem$esjava$0() {
                var v_1 = undefined;
                var v_2 = undefined;
                var v_3 = undefined;
                var v_4 = undefined;
                v_1 = this.cursor;

                lab0: do {
                    if (!this.r_prelude$esjava$0()) {
                        break lab0;
                    }
                } while (false);

                this.cursor = v_1;
                v_2 = this.cursor;

                lab1: do {
                    if (!this.r_mark_regions$esjava$0()) {
                        break lab1;
                    }
                } while (false);

                this.cursor = v_2;
                this.limit_backward = this.cursor;
                this.cursor = this.limit;
                v_3 = this.limit - this.cursor;

                lab2: do {
                    if (!this.r_standard_suffix$esjava$0()) {
                        break lab2;
                    }
                } while (false);

                this.cursor = this.limit - v_3;
                this.cursor = this.limit_backward;
                v_4 = this.cursor;

                lab3: do {
                    if (!this.r_postlude$esjava$0()) {
                        break lab3;
                    }
                } while (false);

                this.cursor = v_4;
                return true;
            }
        }, {
            key: 'stem',
            value: function stem() {
                var _get37;

                for (var _len36 = arguments.length, args = Array(_len36), _key36 = 0; _key36 < _len36; _key36++) {
                    args[_key36] = arguments[_key36];
                }

                switch (args.length) {
                    case 0:
                        return this.stem$esjava$0.apply(this, args);
                }

                return (_get37 = _get(Object.getPrototypeOf(germanStemmer.prototype), 'stem', this)).call.apply(_get37, [this].concat(args));
            }
        }, {
            key: 'I_x',
            get: function get() {
                return Object.prototype.hasOwnProperty.call(this, '_$esjava$I_x') ? this._$esjava$I_x : this._$esjava$I_x = 0;
            },
            set: function set(v) {
                this._$esjava$I_x = v;
            }
        }, {
            key: 'I_p2',
            get: function get() {
                return Object.prototype.hasOwnProperty.call(this, '_$esjava$I_p2') ? this._$esjava$I_p2 : this._$esjava$I_p2 = 0;
            },
            set: function set(v) {
                this._$esjava$I_p2 = v;
            }
        }, {
            key: 'I_p1',
            get: function get() {
                return Object.prototype.hasOwnProperty.call(this, '_$esjava$I_p1') ? this._$esjava$I_p1 : this._$esjava$I_p1 = 0;
            },
            set: function set(v) {
                this._$esjava$I_p1 = v;
            }
        }], [{
            key: 'a_0',
            get: function get() {
                delete germanStemmer.a_0;
                return germanStemmer.a_0 = [new Among("", -1, 6), new Among("U", 0, 2), new Among("Y", 0, 1), new Among('\u00E4', 0, 3), new Among('\u00F6', 0, 4), new Among('\u00FC', 0, 5)];
            }
        }, {
            key: 'a_1',
            get: function get() {
                delete germanStemmer.a_1;
                return germanStemmer.a_1 = [new Among("e", -1, 2), new Among("em", -1, 1), new Among("en", -1, 2), new Among("ern", -1, 1), new Among("er", -1, 1), new Among("s", -1, 3), new Among("es", 5, 2)];
            }
        }, {
            key: 'a_2',
            get: function get() {
                delete germanStemmer.a_2;
                return germanStemmer.a_2 = [new Among("en", -1, 1), new Among("er", -1, 1), new Among("st", -1, 2), new Among("est", 2, 1)];
            }
        }, {
            key: 'a_3',
            get: function get() {
                delete germanStemmer.a_3;
                return germanStemmer.a_3 = [new Among("ig", -1, 1), new Among("lich", -1, 1)];
            }
        }, {
            key: 'a_4',
            get: function get() {
                delete germanStemmer.a_4;
                return germanStemmer.a_4 = [new Among("end", -1, 1), new Among("ig", -1, 2), new Among("ung", -1, 1), new Among("lich", -1, 3), new Among("isch", -1, 2), new Among("ik", -1, 2), new Among("heit", -1, 3), new Among("keit", -1, 4)];
            }
        }, {
            key: 'g_v',
            get: function get() {
                delete germanStemmer.g_v;
                return germanStemmer.g_v = [17, 65, 16, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 32, 8];
            }
        }, {
            key: 'g_s_ending',
            get: function get() {
                delete germanStemmer.g_s_ending;
                return germanStemmer.g_s_ending = [117, 30, 5];
            }
        }, {
            key: 'g_st_ending',
            get: function get() {
                delete germanStemmer.g_st_ending;
                return germanStemmer.g_st_ending = [117, 30, 4];
            }
        }]);

        return germanStemmer;
    }(SnowballStemmer);

    var stemmer = new germanStemmer();
    gazetteStemmers["german"] = function (word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    };
})();
